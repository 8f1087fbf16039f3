// npm run bench:redos — the ReDoS probe of the security review against the real built portal (throwaway
// database): a schema pattern that backtracks catastrophically on RegExp, inputs up to 100,000 characters sent
// with a consumer key to an approved version, /api/health polled meanwhile. Goal: every call 422, health p99 ≤ 50 ms
// (compared with health alone and beside harmless calls, since a shared machine slows health by itself).
import os from "node:os";
import { BENIGN_INPUTS, formatRedos, probeRedos, REDOS_PATTERN, REDOS_SCHEMA } from "./support/redos-probe";
import { seedModel, startPortal } from "./support/portal";

async function main() {
  const portal = await startPortal({ env: { MODELPORT_RATE_LIMIT_KEY: "100000000", MODELPORT_RATE_LIMIT_APP: "100000000" } });
  try {
    // The endpoint is never reached: validation refuses every input first.
    const fx = await seedModel(portal.databaseUrl, { runtime: "http", endpointUrl: "http://127.0.0.1:9/never", inputSchema: REDOS_SCHEMA });
    await probeRedos({ baseUrl: portal.url, ...fx, seconds: 2 }); // warm-up: JIT, pools
    const seconds = Number(process.env.BENCH_SECONDS ?? 15);
    // On a shared machine health is slow for reasons of its own: measure it alone and beside equally many harmless
    // refused calls too, so the catastrophic inputs' own effect can be read off.
    const alone = await probeRedos({ baseUrl: portal.url, ...fx, seconds, inputs: [] });
    const benign = await probeRedos({ baseUrl: portal.url, ...fx, seconds, concurrency: 4, inputs: BENIGN_INPUTS });
    const redos = await probeRedos({ baseUrl: portal.url, ...fx, seconds, concurrency: 4 });
    const load = os.loadavg()[0].toFixed(1);
    console.log(`machine: ${os.cpus().length} cores, load average ${load}`);
    console.log(
      `health alone: ${alone.health.samples} samples, p50 ${alone.health.p50.toFixed(1)} ms, p99 ${alone.health.p99.toFixed(1)} ms`,
    );
    console.log(`harmless inputs (refused at once):\n${formatRedos(benign)}`);
    console.log(`catastrophic inputs (${REDOS_PATTERN}):\n${formatRedos(redos)}`);
    const refused = redos.invoke.codes.schema_validation_failed === redos.invoke.calls;
    console.log(`every catastrophic call 422 schema_validation_failed: ${refused ? "yes" : "NO"}`);
    console.log(
      `/api/health p99 ≤ 50 ms during them: ${redos.health.p99 <= 50 ? "yes" : "no"} (${redos.health.p99.toFixed(1)} ms; ${benign.health.p99.toFixed(1)} ms beside harmless calls, ${alone.health.p99.toFixed(1)} ms alone)`,
    );
    process.exitCode = refused ? 0 : 1;
  } finally {
    await portal.stop();
  }
}

void main();
