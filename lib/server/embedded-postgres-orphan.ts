import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a process (Linux /proc, else `ps`), or null when it is gone. */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    const ps = spawnSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
    return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim().split(/\s+/) : null;
  }
}

async function gone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * Clears what a killed launcher left behind, before the cluster starts: a PostgreSQL still running on this data
 * folder (its launcher was SIGKILLed) is shut down (fast shutdown: SIGINT, then SIGQUIT), and a postmaster.pid
 * whose process id now belongs to a program that is not PostgreSQL (ids are reused after a reboot or in a
 * container) is removed. A pid file of a process that no longer exists PostgreSQL replaces by itself.
 */
export async function clearLeftoverPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const args = commandLine(pid);
  if (!args) return;
  const isPostgres = args.some((a) => path.basename(a).startsWith("postgres"));
  if (!isPostgres) {
    log(`removing a stale postmaster.pid (process ${pid} is not PostgreSQL)`);
    unlinkSync(pidFile);
    return;
  }
  const dataArg = args.indexOf("-D");
  if (dataArg < 0 || path.resolve(args[dataArg + 1] ?? "") !== path.resolve(dataDir)) return; // another cluster: PostgreSQL decides
  log(`stopping the PostgreSQL (pid ${pid}) that an earlier start left running on this data folder`);
  process.kill(pid, "SIGINT");
  if (await gone(pid, 30_000)) return;
  process.kill(pid, "SIGQUIT");
  if (await gone(pid, 15_000)) return;
  throw new Error(`PostgreSQL (pid ${pid}) still runs on ${dataDir} and does not stop; stop it (kill ${pid}) and start again.`);
}
