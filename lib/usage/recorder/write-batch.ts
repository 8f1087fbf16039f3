import type { Pool } from "pg";
import { rollupRows } from "@/lib/usage/recorder/rollup";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

// Adds two histograms element-wise (the stored one may be shorter, e.g. empty on an old row).
const histAdd = (col: string) =>
  `"${col}" = ARRAY(SELECT COALESCE(a, 0) + COALESCE(b, 0) FROM unnest(usage_hourly."${col}", EXCLUDED."${col}") WITH ORDINALITY AS t(a, b, i) ORDER BY i)`;

const INSERT_ROWS = `INSERT INTO invocations ("at", "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", "channel",
    "statusCode", "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::"Channel"[],
    $9::int[], $10::text[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::int[], $16::int[], $17::bigint[], $18::bigint[])
  RETURNING 1`;

/**
 * Writes a batch of invocations and its hourly roll-up as ONE SQL statement (data-modifying CTEs), so it
 * commits atomically in a single round-trip: either every row and its roll-up are durable, or none is.
 */
export async function writeInvocationBatch(pool: Pool, rows: readonly InvocationRecord[], touchKeyIds: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: InvocationRecord) => T) => rows.map(f);
  const params: unknown[] = [
    col((r) => r.at.toISOString()), col((r) => r.requestId), col((r) => r.modelId), col((r) => r.versionId),
    col((r) => r.appId), col((r) => r.apiKeyId), col((r) => r.userId), col((r) => r.channel),
    col((r) => r.statusCode), col((r) => r.errorCode), col((r) => r.gatewayMs), col((r) => r.upstreamMs),
    col((r) => r.bytesIn), col((r) => r.bytesOut), col((r) => r.tokensIn), col((r) => r.tokensOut),
    col((r) => r.costMicros.toString()), col((r) => r.valueMicros.toString()),
  ];
  const values: string[] = [];
  for (const d of rollupRows(rows)) {
    const base = params.length;
    params.push(
      d.bucket.toISOString(), d.modelId, d.versionId, d.appId, d.channel, d.calls, d.errors, d.bytesIn, d.bytesOut,
      d.costMicros.toString(), d.valueMicros.toString(), d.gatewayMsSum, d.upstreamMsSum,
      d.latencyHist.map(String), d.gatewayHist.map(String), d.upstreamHist.map(String),
    );
    const p = (i: number) => `$${base + i}`;
    values.push(`(${p(1)}::timestamptz, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}::uuid, ${p(5)}::"Channel", ${p(6)}::bigint, ${p(7)}::bigint,
      ${p(8)}::bigint, ${p(9)}::bigint, ${p(10)}::bigint, ${p(11)}::bigint, ${p(12)}::float8, ${p(13)}::float8, ${p(14)}::bigint[], ${p(15)}::bigint[], ${p(16)}::bigint[])`);
  }
  let touch = "";
  if (touchKeyIds.length) {
    params.push(touchKeyIds);
    touch = `, touched AS (UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY($${params.length}::uuid[]) RETURNING 1)`;
  }
  const sql = `WITH inserted AS (${INSERT_ROWS}),
  rolled AS (INSERT INTO usage_hourly ("bucket", "modelId", "versionId", "appId", "channel", "calls", "errors", "bytesIn", "bytesOut",
      "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
    VALUES ${values.join(", ")}
    ON CONFLICT ("bucket", "versionId", "appId", "channel") DO UPDATE SET
      "calls" = usage_hourly."calls" + EXCLUDED."calls", "errors" = usage_hourly."errors" + EXCLUDED."errors",
      "bytesIn" = usage_hourly."bytesIn" + EXCLUDED."bytesIn", "bytesOut" = usage_hourly."bytesOut" + EXCLUDED."bytesOut",
      "costMicros" = usage_hourly."costMicros" + EXCLUDED."costMicros", "valueMicros" = usage_hourly."valueMicros" + EXCLUDED."valueMicros",
      "gatewayMsSum" = usage_hourly."gatewayMsSum" + EXCLUDED."gatewayMsSum", "upstreamMsSum" = usage_hourly."upstreamMsSum" + EXCLUDED."upstreamMsSum",
      ${histAdd("latencyHist")}, ${histAdd("gatewayHist")}, ${histAdd("upstreamHist")}
    RETURNING 1)${touch}
  SELECT (SELECT count(*) FROM inserted) AS inserted`;
  // Named (prepared) per statement shape, so PostgreSQL parses and plans it once per connection, not per batch.
  await pool.query({ name: `record_invocations_${values.length}_${touch ? 1 : 0}`, text: sql, values: params });
}
