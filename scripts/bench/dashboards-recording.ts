// Recording throughput with the fold running, through the gateway's real recorder: GroupCommitRecorder +
// writeInvocationBatch (one statement per flush: invocation rows + their roll-up queue rows), fed by CONCURRENCY
// callers that each record one invocation at a time and await its commit, like gateway requests, while the real
// fold loop (lib/usage/rollups/rollup-worker.ts) folds the queue into the four roll-ups (its lag is sampled).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { openConnections } from "../../lib/server/db";
import { GroupCommitRecorder } from "../../lib/usage/recorder/group-commit";
import type { InvocationRecord } from "../../lib/usage/recorder/types";
import { writeInvocationBatch } from "../../lib/usage/recorder/write-batch";
import { flushRollups, rollupLag, startRollupWorker } from "../../lib/usage/rollups/rollup-worker";

const CONCURRENCY = Number(process.env.REC_CONCURRENCY ?? 2000);
const MAX_BATCH = Number(process.env.REC_MAX_BATCH ?? 1000);
const SECONDS = Number(process.env.REC_SECONDS ?? 20);
const ROUNDS = 2;

type Pair = { modelId: string; versionId: string; appId: string };

function invocation(pairs: Pair[]): InvocationRecord {
  const p = pairs[Math.floor(Math.random() ** 2 * pairs.length)];
  const error = Math.random() < 0.02;
  return {
    at: new Date(),
    requestId: randomUUID(),
    modelId: p.modelId,
    versionId: p.versionId,
    appId: p.appId,
    apiKeyId: null,
    userId: null,
    channel: Math.random() < 0.05 ? "console" : "api",
    statusCode: error ? 502 : 200,
    errorCode: error ? "upstream_error" : null,
    gatewayMs: 0.3 + Math.random() * 3,
    upstreamMs: 5 + Math.random() * 150,
    bytesIn: 200,
    bytesOut: 900,
    tokensIn: null,
    tokensOut: null,
    costMicros: 800n,
    valueMicros: 2000n,
  };
}

async function run(url: string, pairs: Pair[]) {
  // One pool, as in the portal: the recorder's flushes, the fold and the lag sampler share it.
  const { kysely: db, pool } = openConnections(url, 4);
  const worker = startRollupWorker(db);
  const recorder = new GroupCommitRecorder<InvocationRecord>((rows) => writeInvocationBatch(pool, rows), MAX_BATCH);
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const caller = async () => {
    while (performance.now() < until) await recorder.record(invocation(pairs));
  };
  const lags: number[] = [];
  const sampler = setInterval(() => void rollupLag(db).then((l) => lags.push(l.oldestSeconds)), 500);
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const atEnd = await rollupLag(db);
  // How long the fold needs to catch up once the load stops.
  const drainStart = performance.now();
  while ((await rollupLag(db)).pending > 0) await new Promise((r) => setTimeout(r, 50));
  const drainSeconds = (performance.now() - drainStart) / 1000;
  await worker.stop();
  await pool.end();
  const stats = recorder.stats();
  const sorted = [...lags].sort((a, b) => a - b);
  const lag = {
    p50: sorted[Math.floor(sorted.length / 2)] ?? 0,
    max: sorted.at(-1) ?? 0,
    pendingAtEnd: atEnd.pending,
    drainSeconds,
    worker: worker.stats(),
  };
  return { perSecond: stats.rows / seconds, stats, lag };
}

/** Runs the recording load ROUNDS times and returns the report lines (throughput per run and roll-up lag). */
export async function measureRecording(c: pg.Client, log: (line: string) => void): Promise<string> {
  const url =
    (c as unknown as { connectionParameters: { connectionString?: string } }).connectionParameters.connectionString ??
    process.env.DATABASE_URL!;
  const pairs = (
    await c.query<Pair>(`SELECT DISTINCT ON (u."versionId", u."appId") u."modelId", u."versionId", u."appId"
      FROM usage_daily u WHERE u."appId" IS NOT NULL ORDER BY u."versionId", u."appId" LIMIT 400`)
  ).rows;
  const sum = async () =>
    BigInt((await c.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) n FROM usage_daily_by WHERE dim = 'channel'`)).rows[0].n);
  const before = await sum();
  const results: number[] = [];
  let recorded = 0;
  let last = "";
  const lags: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const r = await run(url, pairs);
    results.push(r.perSecond);
    recorded += r.stats.rows;
    last = `${r.stats.flushes} flushes, mean batch ${Math.round(r.stats.rows / Math.max(1, r.stats.flushes))}, largest ${r.stats.maxBatch}, ${r.stats.failures} failed`;
    const w = r.lag.worker;
    lags.push(
      `run ${round + 1}: oldest queued call p50 ${r.lag.p50.toFixed(2)} s, max ${r.lag.max.toFixed(2)} s (sampled every 0.5 s); ${r.lag.pendingAtEnd.toLocaleString("en-US")} queued when the load stopped, drained in ${r.lag.drainSeconds.toFixed(2)} s; fold ${w.passes} passes, last ${w.lastFoldMs.toFixed(0)} ms, ${w.failures} failures, ${w.deadLettered} set aside`,
    );
    log(`run ${round + 1}: ${Math.round(r.perSecond).toLocaleString("en-US")} invocations/s (${last}); roll-up lag ${lags.at(-1)}`);
  }
  const folder = openConnections(url, 1);
  await flushRollups(folder.kysely);
  await folder.pool.end();
  const visible = (await sum()) - before;
  const fmt = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString("en-US")).join(" / ");
  const line =
    `Recording (the real recorder: group commit, max batch ${MAX_BATCH}, ${CONCURRENCY} concurrent callers, the fold loop on the same pool, ${ROUNDS} runs × ${SECONDS} s): ` +
    `${fmt(results)} invocations/s (last run: ${last}).\n` +
    `Roll-up lag (usage_pending → the four roll-ups): ${lags.join("; ")}.\n` +
    `After the runs the roll-ups counted ${visible.toLocaleString("en-US")} of the ${recorded.toLocaleString("en-US")} recorded calls.`;
  log(line);
  return line;
}
