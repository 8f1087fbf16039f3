// Starts the real, built portal (scripts/start.ts, as `npm start` does) for benchmarks and durability tests,
// and seeds the few rows they need straight into its database.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { generateApiKey } from "../../../lib/auth/api-keys";
import { freePort } from "../../../lib/server/embedded-postgres";

export type Portal = {
  url: string;
  databaseUrl: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  /** Both server processes (the gateway door and Next); doorPids and nextPids each one of them. */
  serverPids: () => number[];
  doorPids: () => number[];
  nextPids: () => number[];
  postgresPids: () => number[];
};

/** CPU time (user + system, ms) a set of processes has used so far, from /proc (Linux). */
export function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process is gone
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

/** Starts the portal; with no databaseUrl it runs on its own throwaway embedded PostgreSQL (--ephemeral). */
export async function startPortal(options: { databaseUrl?: string; env?: Record<string, string>; log?: boolean } = {}): Promise<Portal> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-bench-"));
  const stateFile = path.join(dir, "state.json");
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl ?? "",
      MODELPORT_DEMO: "0",
      MODELPORT_STATE_FILE: stateFile,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
      NODE_ENV: "production",
      ...options.env,
    },
    stdio: ["ignore", options.log ? "inherit" : "ignore", "inherit"],
  });
  const deadline = Date.now() + 240_000;
  while (!existsSync(stateFile)) {
    if (child.exitCode !== null) throw new Error(`the portal exited during start-up (code ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error("the portal did not start within 240 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { url: string; databaseUrl: string };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Processes under the start script: the gateway door and the Next.js server (what a crash test kills) and
  // embedded PostgreSQL.
  const descendants = (match: (args: string) => boolean) => {
    const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
      .split("\n")
      .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
    const found: number[] = [];
    const walk = (parent: number) => {
      for (const p of table.filter((t) => t.ppid === parent)) {
        if (match(p.args)) found.push(p.pid);
        walk(p.pid);
      }
    };
    walk(child.pid!);
    return found;
  };
  const serverPids = () => descendants((args) => !/postgres/.test(args));
  const doorPids = () => descendants((args) => args.includes("gateway/server.ts"));
  const nextPids = () => descendants((args) => args.includes("scripts/next-server.ts"));
  const postgresPids = () => descendants((args) => /postgres/.test(args));
  return { url: state.url, databaseUrl: state.databaseUrl, child, stop, serverPids, doorPids, nextPids, postgresPids };
}

export type Fixture = { owner: string; name: string; secret: string; modelId: string; versionId: string; appId: string };

/** One team, model, approved version, app and API key, written with plain SQL into the portal's database. */
export async function seedModel(
  databaseUrl: string,
  version: { runtime: "onnx" | "http" | "openai"; endpointUrl?: string; artifactPath?: string; inputSchema?: unknown },
  allowEgress: string[] = [],
): Promise<Fixture> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const s = randomBytes(4).toString("hex");
    const q = async (sql: string, params: unknown[]) => (await client.query<{ id: string }>(sql, params)).rows[0]?.id;
    const bu = await q(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
      `bench-${s}`,
    ]);
    const team = await q(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
      `bench-${s}`,
      bu,
    ]);
    const name = `model-${s}`;
    const modelId = await q(
      `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $2, 'benchmark', 'custom', 1000, now()) RETURNING id`,
      [team, name, `bench-${s}-${name}`],
    );
    const versionId = await q(
      `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "httpProtocol", "endpointUrl", "artifactPath", "inputSchema", "costModel", "updatedAt")
       VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved', $2::"Runtime", $3::"HttpProtocol", $4, $5, $6, '{"kind":"per_call","microsPerCall":50}', now()) RETURNING id`,
      [
        modelId,
        version.runtime,
        version.runtime === "http" ? "generic" : null,
        version.endpointUrl ?? null,
        version.artifactPath ?? null,
        JSON.stringify(version.inputSchema ?? { type: "object" }),
      ],
    );
    // A key acts for the person who created it: a consumer of the team.
    const creator = await q(`INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), $1, 'Bench', 'consumer') RETURNING id`, [
      `bench-${s}@bench.local`,
    ]);
    await q(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [creator, team]);
    const appId = await q(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
      `bench-app-${s}`,
      team,
      creator,
    ]);
    const key = generateApiKey();
    await q(
      `INSERT INTO api_keys (id, "appId", name, prefix, hash, "createdById") VALUES (gen_random_uuid(), $1, 'bench', $2, $3, $4) RETURNING id`,
      [appId, key.prefix, key.hash, creator],
    );
    for (const pattern of allowEgress)
      await client.query(
        `INSERT INTO egress_rules (id, pattern, note) VALUES (gen_random_uuid(), $1, 'benchmark') ON CONFLICT DO NOTHING`,
        [pattern],
      );
    return { owner: `bench-${s}`, name, secret: key.secret, modelId: modelId!, versionId: versionId!, appId: appId! };
  } finally {
    await client.end();
  }
}

/**
 * Which process answered an invoke call: the gateway door itself, or Next's route behind it
 * (MODELPORT_DOOR_INVOKE=0). Benchmarks say what they measured; the portal must run with
 * MODELPORT_EXPOSE_RECORDER=1, which adds the diagnostic header.
 */
export async function answeredBy(url: string, init: RequestInit): Promise<"the gateway door" | "Next's route"> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`the invoke call answered ${res.status}`);
  return res.headers.get("x-modelport-path") === "door" ? "the gateway door" : "Next's route";
}
