// Recording throughput with the roll-ups on, through the gateway's real recorder: GroupCommitRecorder +
// writeInvocationBatch (one statement per flush: multi-row INSERT into invocations + roll-up upserts), fed by
// CONCURRENCY callers that each record one invocation at a time and await its commit, like gateway requests.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { GroupCommitRecorder } from "../../lib/usage/recorder/group-commit";
import type { InvocationRecord } from "../../lib/usage/recorder/types";
import { batchStatement, writeInvocationBatch } from "../../lib/usage/recorder/write-batch";

const CONCURRENCY = Number(process.env.REC_CONCURRENCY ?? 2000);
const MAX_BATCH = Number(process.env.REC_MAX_BATCH ?? 1000);
const SECONDS = 10;

type Pair = { modelId: string; versionId: string; appId: string };

function invocation(pairs: Pair[]): InvocationRecord {
  const p = pairs[Math.floor(Math.random() ** 2 * pairs.length)];
  const error = Math.random() < 0.02;
  return {
    at: new Date(), requestId: randomUUID(), modelId: p.modelId, versionId: p.versionId, appId: p.appId, apiKeyId: null, userId: null,
    channel: Math.random() < 0.05 ? "console" : "api", statusCode: error ? 502 : 200, errorCode: error ? "upstream_error" : null,
    gatewayMs: 0.3 + Math.random() * 3, upstreamMs: 5 + Math.random() * 150, bytesIn: 200, bytesOut: 900, tokensIn: null, tokensOut: null,
    costMicros: 800n, valueMicros: 2000n,
  };
}

/** Runs the recording load and returns the report lines (throughput and roll-up lag). */
export async function measureRecording(c: pg.Client, log: (line: string) => void): Promise<string> {
  const url = (c as unknown as { connectionParameters: { connectionString?: string } }).connectionParameters.connectionString ?? process.env.DATABASE_URL!;
  const pairs = (await c.query<Pair>(`SELECT DISTINCT ON (u."versionId", u."appId") u."modelId", u."versionId", u."appId"
      FROM usage_daily u WHERE u."appId" IS NOT NULL ORDER BY u."versionId", u."appId" LIMIT 400`)).rows;
  const before = (await c.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) n FROM usage_daily`)).rows[0].n;
  if (process.env.REC_EXPLAIN) {
    const batch = Array.from({ length: 1000 }, () => invocation(pairs));
    const st = batchStatement(batch);
    const plan = await c.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, values: st.values });
    log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const spent = { build: 0, write: 0 };
  const recorder = new GroupCommitRecorder<InvocationRecord>(async (rows) => {
    const t = performance.now();
    const st = batchStatement(rows);
    const t2 = performance.now();
    await pool.query(st);
    spent.build += t2 - t;
    spent.write += performance.now() - t2;
  }, MAX_BATCH);
  const start = performance.now();
  const until = start + SECONDS * 1000;
  const caller = async () => {
    while (performance.now() < until) {
      await recorder.record(invocation(pairs));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  const seconds = (performance.now() - start) / 1000;
  const stats = recorder.stats();
  await pool.end();
  // Lag: the roll-ups are updated in the recording transaction, so a committed call is already counted.
  const after = (await c.query<{ n: string }>(`SELECT coalesce(sum(calls), 0) n FROM usage_daily`)).rows[0].n;
  const visible = BigInt(after) - BigInt(before);
  const line = `Recording (the real recorder: group commit, ${CONCURRENCY} concurrent callers, roll-ups on, ${SECONDS} s): ` +
    `${Math.round(stats.rows / seconds).toLocaleString("en-US")} invocations/s (${stats.flushes.toLocaleString("en-US")} flushes, ` +
    `mean batch ${Math.round(stats.rows / Math.max(1, stats.flushes))}, largest ${stats.maxBatch}, ${stats.failures} failed).\n` +
    `Roll-up lag: 0 s — usage_hourly and usage_daily change in the recording transaction; right after the run the daily roll-up counted ${visible.toLocaleString("en-US")} of the ${stats.rows.toLocaleString("en-US")} recorded calls.`;
  log(line);
  log(`time in flushes: building ${spent.build.toFixed(0)} ms, writing ${spent.write.toFixed(0)} ms`);
  return line;
}
