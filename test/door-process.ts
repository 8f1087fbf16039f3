// The gateway door (gateway/server.ts) as a real process for tests, started the way scripts/start.ts starts
// it, in front of whatever server the test puts where Next would be.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "@/lib/server/embedded-postgres";

export type DoorProcess = { url: string; pid: number; token: string; output: () => string; stop: () => Promise<void> };

export async function startDoor(options: { nextPort: number; env?: Record<string, string> }): Promise<DoorProcess> {
  const port = await freePort();
  const token = randomBytes(24).toString("base64url");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "gateway/server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      MODELPORT_NEXT_PORT: String(options.nextPort),
      MODELPORT_DOOR_TOKEN: token,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!output.includes("[door] listening")) {
    if (child.exitCode !== null) throw new Error(`the door exited during start-up:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the door did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    token,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
