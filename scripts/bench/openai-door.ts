// npm run bench:openai-door — the same OpenAI-compatible chat server called directly and through the portal's
// OpenAI-compatible door (/v1/chat/completions on the real built portal, recording on), one connection at a
// time: the door's added p50 (issue 15's goal: ≤ 2 ms). The gateway door process answers key-authenticated
// chat completions itself (gateway/openai.ts), so this measures door → the governed call → the model server.
import { fork } from "node:child_process";
import path from "node:path";
import { runLoad } from "./support/load";
import { seedModel, startPortal } from "./support/portal";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function main() {
  const child = fork(path.join(__dirname, "support", "openai-server.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  const portal = await startPortal({ env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000" } });
  try {
    const fx = await seedModel(portal.databaseUrl, { runtime: "openai", endpointUrl: `http://127.0.0.1:${port}/v1` }, ["127.0.0.1"]);
    const direct = `http://127.0.0.1:${port}/v1/chat/completions`;
    const door = `${portal.url}/v1/chat/completions`;
    const body = JSON.stringify({ model: `${fx.owner}/${fx.name}`, messages: [{ role: "user", content: "Say ok." }] });
    const auth = { authorization: `Bearer ${fx.secret}` };
    const check = await fetch(door, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    console.log(`door check: ${check.status} ${(await check.text()).slice(0, 120)}`);
    if (check.status !== 200) throw new Error("the OpenAI door did not answer 200");
    await runLoad({ url: door, body, headers: auth, concurrency: 4, seconds: 3, warmupSeconds: 0 }); // JIT + pools warm-up
    const d = await runLoad({ url: direct, body, concurrency: 1, seconds: SECONDS });
    const g = await runLoad({ url: door, body, headers: auth, concurrency: 1, seconds: SECONDS });
    const fmt = (n: number) => n.toFixed(2).padStart(8);
    console.log(`\n1 connection, ${SECONDS} s each      p50 ms   p99 ms   req/s  errors`);
    console.log(`direct to the model server  ${fmt(d.p50)} ${fmt(d.p99)} ${fmt(d.rps)} ${d.errors}`);
    console.log(`through /v1 (gateway door) ${fmt(g.p50)} ${fmt(g.p99)} ${fmt(g.rps)} ${g.errors}`);
    console.log(`added p50: ${(g.p50 - d.p50).toFixed(2)} ms (goal ≤ 2 ms)`);
  } finally {
    await portal.stop();
    child.kill("SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
