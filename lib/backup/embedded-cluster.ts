import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { existingClusterDir, postgresOsUser, type OsUser } from "@/lib/server/embedded-postgres-binaries";

/** The files of an embedded installation (scripts/start.ts without DATABASE_URL) that a backup holds. */
export type EmbeddedInstallation = {
  dataDir: string;
  artifactDir: string;
  /** Where the cluster is asked for (MODELPORT_DATA_DIR/postgres); as root it may live elsewhere (clusterDirFor). */
  requestedClusterDir: string;
  /** The OS user PostgreSQL runs as (root launches it as `postgres`), or null for the current user. */
  postgresUser: OsUser | null;
};

/** The secrets scripts/start.ts generates into the data folder when they are not set in the environment. */
export const SECRET_FILES = ["secret-key", "nextauth-secret"] as const;

export function embeddedInstallation(env: Record<string, string | undefined> = process.env): EmbeddedInstallation {
  const dataDir = path.resolve(env.MODELPORT_DATA_DIR ?? ".data");
  return {
    dataDir,
    artifactDir: path.resolve(env.ARTIFACT_DIR ?? path.join(dataDir, "artifacts")),
    requestedClusterDir: path.join(dataDir, "postgres"),
    postgresUser: userInfo().uid === 0 ? postgresOsUser() : null,
  };
}

/** The cluster's folder when one exists, and the password file the launcher keeps beside it. */
export function clusterOf(installation: EmbeddedInstallation): { dir: string; passwordFile: string } | null {
  const dir = existingClusterDir(installation.requestedClusterDir, installation.postgresUser);
  return dir ? { dir, passwordFile: path.join(path.dirname(dir), "postgres-password") } : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The PostgreSQL running on a cluster folder (from its postmaster.pid: pid and port), or null when none is. */
export function runningPostmaster(clusterDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  return { pid, port };
}
