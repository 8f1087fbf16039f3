import { spawn } from "node:child_process";
import { runLoad } from "./support/load";
import { seedModel, startPortal } from "./support/portal";
import { freePort } from "../../lib/db/embedded";
async function main() {
  const portal = await startPortal({});
  const port = await freePort();
  const next = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir=/tmp/prof", "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: { ...process.env, DATABASE_URL: portal.databaseUrl, NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: `http://127.0.0.1:${port}`, MODELPORT_RATE_LIMIT_KEY: "100000000", NODE_ENV: "production" }, stdio: "inherit" });
  try {
    for (;;) { try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 300)); }
    const fx = await seedModel(portal.databaseUrl, { runtime: "onnx", artifactPath: "/work/wt-gateway/prisma/seed-data/onnx/iris-classifier.onnx" });
    const url = `http://127.0.0.1:${port}/api/v1/models/${fx.owner}/${fx.name}/invoke`;
    const r = await runLoad({ url, body: JSON.stringify({ features: [[1, 2, 3, 4]] }), headers: { authorization: `Bearer ${fx.secret}` }, concurrency: 4, seconds: 15, warmupSeconds: 2 });
    console.log("rps", r.rps, "p50", r.p50);
  } finally { next.kill("SIGINT"); await new Promise((r) => next.once("exit", r)); await portal.stop(); }
}
main().then(() => process.exit(0));
