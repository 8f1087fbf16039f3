import type { Pool } from "pg";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

// The invocation rows, and for each one a narrow row in the roll-up queue (usage_pending), in one statement:
// the queue row commits with its invocation or not at all, so the asynchronous roll-up never misses a call.
const INSERT_ROWS = `INSERT INTO invocations ("at", "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", "channel",
    "statusCode", "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::"Channel"[],
    $9::int[], $10::text[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::int[], $16::int[], $17::bigint[], $18::bigint[])
  RETURNING "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"`;

const QUEUE_ROWS = `INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs",
    "bytesIn", "bytesOut", "costMicros", "valueMicros")
  SELECT "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"
    FROM inserted RETURNING 1`;

type Element = string | number | bigint | null;
// Elements that need no quoting in an array literal (never the word NULL: the check below keeps it quoted).
const BARE = /^[\w.:+-]+$/;

/**
 * One column of the batch as a PostgreSQL array literal. pg would build the same text from a JS array, but
 * quotes and regex-escapes every element (a few % of the gateway's CPU at 32 connections); the recorder's
 * values are nearly all numbers, uuids, timestamps and identifiers, which need no escaping.
 */
function arrayLiteral(rows: readonly InvocationRecord[], f: (r: InvocationRecord) => Element): string {
  let out = "{";
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ",";
    const v = f(rows[i]);
    if (v === null || v === undefined) out += "NULL";
    else if (typeof v !== "string") out += String(v);
    else if (BARE.test(v) && v.toUpperCase() !== "NULL") out += v;
    else out += `"${v.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `${out}}`;
}

/**
 * Writes a batch of invocations as ONE SQL statement (data-modifying CTEs), so it commits atomically in a single
 * round-trip: either every row and its roll-up queue entry are durable, or none is. The roll-ups themselves are
 * folded in asynchronously by the roll-up worker (lib/usage/recorder/rollup-worker.ts): per-flush roll-up
 * upserts of ~800 keys with histogram arithmetic were what capped recording at ~2,600 invocations/s.
 */
export async function writeInvocationBatch(pool: Pool, rows: readonly InvocationRecord[], touchKeyIds: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const col = (f: (r: InvocationRecord) => Element) => arrayLiteral(rows, f);
  const params: unknown[] = [
    col((r) => r.at.toISOString()), col((r) => r.requestId), col((r) => r.modelId), col((r) => r.versionId),
    col((r) => r.appId), col((r) => r.apiKeyId), col((r) => r.userId), col((r) => r.channel),
    col((r) => r.statusCode), col((r) => r.errorCode), col((r) => r.gatewayMs), col((r) => r.upstreamMs),
    col((r) => r.bytesIn), col((r) => r.bytesOut), col((r) => r.tokensIn), col((r) => r.tokensOut),
    col((r) => r.costMicros), col((r) => r.valueMicros),
  ];
  let touch = "";
  if (touchKeyIds.length) {
    params.push(touchKeyIds);
    touch = `, touched AS (UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY($${params.length}::uuid[]) RETURNING 1)`;
  }
  const sql = `WITH inserted AS (${INSERT_ROWS}), queued AS (${QUEUE_ROWS})${touch}
  SELECT (SELECT count(*) FROM queued) AS queued`;
  // Named (prepared): one statement shape, parsed and planned once per connection.
  await pool.query({ name: `record_invocations_${touch ? 1 : 0}`, text: sql, values: params });
}
