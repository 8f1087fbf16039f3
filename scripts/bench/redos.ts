// npm run bench:redos — the ReDoS probe of the security review against the real built portal (throwaway
// database): a schema pattern that backtracks catastrophically on RegExp, inputs up to 100,000 characters sent
// with a consumer key to an approved version, /api/health polled meanwhile. Goal: every call 422, health p99 ≤ 50 ms.
import { formatRedos, probeRedos, REDOS_SCHEMA } from "./support/redos-probe";
import { seedModel, startPortal } from "./support/portal";

async function main() {
  const portal = await startPortal({ env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000" } });
  try {
    // The endpoint is never reached: validation refuses every input first.
    const fx = await seedModel(portal.databaseUrl, { runtime: "http", endpointUrl: "http://127.0.0.1:9/never", inputSchema: REDOS_SCHEMA });
    await probeRedos({ baseUrl: portal.url, ...fx, seconds: 2 }); // warm-up: JIT, pools, the lean path
    const figures = await probeRedos({ baseUrl: portal.url, ...fx, seconds: Number(process.env.BENCH_SECONDS ?? 15), concurrency: 4 });
    console.log(formatRedos(figures));
    const ok = figures.invoke.codes.schema_validation_failed === figures.invoke.calls && figures.health.p99 <= 50;
    console.log(ok ? "goal met: every call 422 schema_validation_failed, /api/health p99 ≤ 50 ms" : "goal NOT met");
    process.exitCode = ok ? 0 : 1;
  } finally {
    await portal.stop();
  }
}

void main();
