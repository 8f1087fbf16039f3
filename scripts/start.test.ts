// Supervision by the launcher (scripts/start.ts, what `npm start` runs), on a persistent embedded database:
// when either of its servers dies — the gateway door (gateway/server.ts) or Next behind it
// (scripts/next-server.ts) — the launcher stops the other and PostgreSQL and exits non-zero (so a supervisor
// restarts it), and a start after a crash — of a server or of the launcher itself, which leaves PostgreSQL
// running — comes up without help. Next listens on loopback only. Needs the production build
// (`npx next build`); without one, scripts/start.ts builds it first.
// Checked against the launcher before this behaviour: the first test waited forever for it to exit.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/server/embedded-postgres";

type State = { url: string; nextUrl: string; databaseUrl: string; appDatabaseUrl: string; pid: number };
type Launch = { child: ChildProcess; output: () => string; exit: Promise<number | null> };

let dir: string;
let env: NodeJS.ProcessEnv;
const stateFile = () => path.join(dir, "state.json");
const started: ChildProcess[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => boolean, ms = 60_000) {
  for (const end = Date.now() + ms; !ok();) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const DOOR = "gateway/server.ts";
const NEXT = "scripts/next-server.ts";

/** A server child of the launcher (found by its command line, as an operator would). */
function serverPid(launcher: number, script: string): number {
  const row = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .find((m) => m !== null && Number(m[2]) === launcher && m[3].includes(script));
  if (!row) throw new Error(`no ${script} process under the launcher ${launcher}`);
  return Number(row[1]);
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const postmasterPid = () => Number(readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);

async function launch(): Promise<Launch & { state: State }> {
  rmSync(stateFile(), { force: true });
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await until("the portal is ready", () => existsSync(stateFile()) || child.exitCode !== null, 240_000);
  if (!existsSync(stateFile())) throw new Error(`the launcher exited during start-up:\n${output}`);
  const state = JSON.parse(readFileSync(stateFile(), "utf8")) as State;
  return { child, output: () => output, exit, state };
}

async function healthy(url: string) {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "modelport-launcher-"));
  const port = await freePort();
  env = {
    ...process.env,
    PORT: String(port),
    MODELPORT_PG_PORT: String(await freePort()),
    MODELPORT_DATA_DIR: dir,
    DATABASE_URL: "",
    MODELPORT_DEMO: "0",
    NODE_ENV: "production",
    MODELPORT_STATE_FILE: stateFile(),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
  };
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await Promise.all(started.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  const pidFile = path.join(dir, "postgres", "postmaster.pid");
  if (existsSync(pidFile) && alive(postmasterPid())) process.kill(postmasterPid(), "SIGINT"); // a failed test's leftover
  rmSync(dir, { recursive: true, force: true });
});

describe("the launcher", () => {
  it.each([
    ["the gateway door", DOOR, NEXT],
    ["the Next.js server", NEXT, DOOR],
  ])(
    "stops the other server and PostgreSQL and exits non-zero when %s is killed; the next start comes up",
    async (name, killed, other) => {
      const first = await launch();
      const postgres = postmasterPid();
      expect(alive(postgres)).toBe(true);
      const survivor = serverPid(first.child.pid!, other);
      process.kill(serverPid(first.child.pid!, killed), "SIGKILL");
      const code = await first.exit;
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(first.output()).toContain(`${name} exited (SIGKILL)`);
      expect(alive(survivor)).toBe(false);
      expect(alive(postgres)).toBe(false);
      expect(existsSync(path.join(dir, "postgres", "postmaster.pid"))).toBe(false);

      const second = await launch();
      expect(await healthy(second.state.url)).toEqual({ status: 200, body: { status: "ok", database: "ok" } });
      // Next answers through the door only: on loopback, never on the machine's other addresses.
      const nextPort = Number(new URL(second.state.nextUrl).port);
      expect(await accepts("127.0.0.1", nextPort)).toBe(true);
      const outside = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && !a.internal && a.family === "IPv4")?.address;
      if (outside) {
        expect(await accepts(outside, nextPort)).toBe(false);
        expect(await accepts(outside, Number(new URL(second.state.url).port))).toBe(true);
      }
      // The server connects as the portal's own role, never as the owner the launcher migrates with.
      const owner = new pg.Client({ connectionString: second.state.databaseUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ usename: string }>(
          `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        expect(rows.map((r) => r.usename)).toEqual([decodeURIComponent(new URL(second.state.appDatabaseUrl).username)]);
      } finally {
        await owner.end();
      }
      second.child.kill("SIGTERM");
      expect(await second.exit).toBe(0);
    },
    600_000,
  );

  it("comes up after the launcher itself was SIGKILLed (its servers stop, PostgreSQL is left running)", async () => {
    const first = await launch();
    const postgres = postmasterPid();
    const servers = [serverPid(first.child.pid!, DOOR), serverPid(first.child.pid!, NEXT)];
    process.kill(first.child.pid!, "SIGKILL");
    await first.exit;
    await until("the orphaned servers stop", () => servers.every((pid) => !alive(pid)), 30_000);
    expect(alive(postgres)).toBe(true); // nobody stopped it: the next start must

    const second = await launch();
    expect(second.output()).toMatch(/stopping the PostgreSQL \(pid \d+\) that an earlier start left running/);
    expect(alive(postgres)).toBe(false);
    expect(await healthy(second.state.url)).toEqual({ status: 200, body: { status: "ok", database: "ok" } });
    const restarted = postmasterPid();
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
    expect(alive(restarted)).toBe(false);
  }, 600_000);
});
