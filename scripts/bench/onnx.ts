// npm run bench:onnx — iris classifier invocations per second through the gateway (the real built portal,
// in-process onnxruntime, recording on), at a few concurrency levels.
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { runLoad } from "./support/load";
import { answeredBy, seedModel, startPortal } from "./support/portal";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const meta = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: unknown;
  exampleOutputLabel: number;
};

async function main() {
  console.log("starting the portal (built, throwaway database)…");
  const portal = await startPortal({
    env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000", MODELPORT_EXPOSE_RECORDER: "1" },
  });
  try {
    const fx = await seedModel(portal.databaseUrl, {
      runtime: "onnx",
      artifactPath: path.resolve("prisma/seed-data/onnx/iris-classifier.onnx"),
      inputSchema: meta.inputSchema,
    });
    const url = `${portal.url}/api/v1/models/${fx.owner}/${fx.name}/invoke`;
    const auth = { authorization: `Bearer ${fx.secret}` };
    const body = JSON.stringify(meta.exampleInput);
    const answerer = await answeredBy(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    const check = await fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    const answer = (await check.json()) as { output?: { label: number[] } };
    console.log(`check: ${check.status}, label ${answer.output?.label[0]} (expected ${meta.exampleOutputLabel})`);
    if (answer.output?.label[0] !== meta.exampleOutputLabel) throw new Error("the iris model did not give the expected label");
    await runLoad({ url, body, headers: auth, concurrency: 8, seconds: 2, warmupSeconds: 0 });
    console.log(`\n${SECONDS} s per run. Latency in ms.\nconns |  inv/s |   p50 |   p99 | errors`);
    for (const c of [1, 8, 32]) {
      const r = await runLoad({ url, body, headers: auth, concurrency: c, seconds: SECONDS });
      console.log(
        `${String(c).padStart(5)} | ${r.rps.toFixed(0).padStart(6)} | ${r.p50.toFixed(2).padStart(5)} | ${r.p99.toFixed(2).padStart(5)} | ${r.errors}`,
      );
    }
    const cache = process.env.MODELPORT_GATEWAY_CACHE !== "0" ? "on" : "off";
    console.log(
      `portal: invoke calls answered by ${answerer}, gateway cache ${cache}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
  } finally {
    await portal.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
