import type { Pool } from "pg";
import { rollupRows, type RollupDelta } from "@/lib/usage/recorder/rollup";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

const INSERT_ROWS = `INSERT INTO invocations ("at", "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", "channel",
    "statusCode", "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
  SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::"Channel"[],
    $9::int[], $10::text[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::int[], $16::int[], $17::bigint[], $18::bigint[])
  RETURNING 1`;

/**
 * The roll-up of one flush into `table`, for keys that arrive as parallel arrays from parameter `p` on (16
 * parameters; one statement text whatever the key count, so it is planned once per connection). A key's
 * histogram delta is sent sparse — its non-zero buckets packed like usage_daily."histSparse", sliced per key —
 * and added to the stored arrays by modelport_hist_apply(), which touches only those few buckets. Existing rows
 * are updated first (the usual case; found by key through the unique index, then by id, so the plan never scans
 * the table); the rest are inserted, and a key another process inserted meanwhile falls
 * back to the dense ON CONFLICT addition, so the result is exact either way.
 */
function rollup(table: "usage_hourly" | "usage_daily", p: number): string {
  const at = table === "usage_hourly" ? "bucket" : "day";
  const name = table === "usage_hourly" ? "h" : "d";
  const $ = (i: number) => `$${p + i}`;
  const sums = ["calls", "errors", "bytesIn", "bytesOut", "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum"];
  const src = ["calls", "errors", "bi", "bo", "cost", "value", "gw", "up"];
  const hists = ["latencyHist", "gatewayHist", "upstreamHist"];
  return `${name}k AS (
    SELECT k.*, (${$(15)}::bigint[])[k.s : k.e] AS p,
           (SELECT x."id" FROM ${table} x WHERE x."${at}" = k.b AND x."versionId" = k.v AND x."appId" IS NOT DISTINCT FROM k.a AND x."channel" = k.ch) AS id
      FROM unnest(${$(0)}::timestamptz[], ${$(1)}::uuid[], ${$(2)}::uuid[], ${$(3)}::uuid[], ${$(4)}::"Channel"[], ${$(5)}::bigint[],
                  ${$(6)}::bigint[], ${$(7)}::bigint[], ${$(8)}::bigint[], ${$(9)}::bigint[], ${$(10)}::bigint[], ${$(11)}::float8[],
                  ${$(12)}::float8[], ${$(13)}::int[], ${$(14)}::int[]) WITH ORDINALITY AS k(b, m, v, a, ch, calls, errors, bi, bo, cost, value, gw, up, s, e, n)),
  ${name}u AS (
    UPDATE ${table} AS t SET ${sums.map((c, i) => `"${c}" = t."${c}" + k.${src[i]}`).join(", ")},
      ${hists.map((c, i) => `"${c}" = modelport_hist_apply(t."${c}", k.p, ${i})`).join(", ")}
      FROM ${name}k AS k
     WHERE t."id" = ANY (ARRAY(SELECT id FROM ${name}k WHERE id IS NOT NULL)) AND t."id" = k.id
    RETURNING k.n),
  ${name}i AS (
    INSERT INTO ${table} AS t ("${at}", "modelId", "versionId", "appId", "channel", ${sums.map((c) => `"${c}"`).join(", ")}, ${hists.map((c) => `"${c}"`).join(", ")})
    SELECT k.b, k.m, k.v, k.a, k.ch, ${src.map((c) => `k.${c}`).join(", ")}, ${hists.map((_, i) => `modelport_hist_apply(NULL, k.p, ${i})`).join(", ")}
      FROM ${name}k AS k WHERE k.n NOT IN (SELECT n FROM ${name}u)
    ON CONFLICT ("${at}", "versionId", "appId", "channel") DO UPDATE SET
      ${sums.map((c) => `"${c}" = t."${c}" + EXCLUDED."${c}"`).join(", ")},
      ${hists.map((c) => `"${c}" = modelport_hist_add(t."${c}", EXCLUDED."${c}")`).join(", ")}
    RETURNING 1)`;
}

// kind << 48 | bucket << 40 | count, as modelport_hist_apply() and usage_daily."histSparse" read them.
const pack = (kind: number, hist: number[], out: (number | bigint)[]) => {
  for (let i = 0; i < hist.length; i++) if (hist[i] > 0) out.push((BigInt(kind) << 48n) | (BigInt(i) << 40n) | BigInt(hist[i]));
};

const rollupParams = (deltas: RollupDelta[]): unknown[] => {
  const col = <T>(f: (d: RollupDelta) => T) => deltas.map(f);
  const packed: (number | bigint)[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const d of deltas) {
    starts.push(packed.length + 1);
    pack(0, d.latencyHist, packed);
    pack(1, d.gatewayHist, packed);
    pack(2, d.upstreamHist, packed);
    ends.push(packed.length);
  }
  return [
    col((d) => d.bucket.toISOString()), col((d) => d.modelId), col((d) => d.versionId), col((d) => d.appId), col((d) => d.channel),
    col((d) => d.calls), col((d) => d.errors), col((d) => d.bytesIn), col((d) => d.bytesOut), col((d) => d.costMicros.toString()),
    col((d) => d.valueMicros.toString()), col((d) => d.gatewayMsSum), col((d) => d.upstreamMsSum), starts, ends, packed.map(String),
  ];
};

// The batch's daily deltas are upserted by this statement itself, so the usage_hourly triggers that keep
// usage_daily in step for other writers (they unnest every histogram bucket of every changed row in SQL) are
// told to skip it: a transaction-local flag, read by modelport_usage_daily_apply() when the statement ends.
const SQL = (touch: boolean) => `WITH flag AS (SELECT set_config('modelport.daily_in_writer', 'on', true)),
  inserted AS (${INSERT_ROWS}),
  ${rollup("usage_hourly", 19)},
  ${rollup("usage_daily", 35)}${touch ? `,
  touched AS (UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY($51::uuid[]) RETURNING 1)` : ""}
  SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM flag) AS flagged`;

/**
 * Writes a batch of invocations and its hourly and daily roll-ups as ONE SQL statement (data-modifying CTEs),
 * so it commits atomically in a single round-trip: either every row and its roll-ups are durable, or none is.
 * The roll-up deltas are aggregated here, per key, before they reach PostgreSQL.
 */
export async function writeInvocationBatch(pool: Pool, rows: readonly InvocationRecord[], touchKeyIds: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(batchStatement(rows, touchKeyIds));
}

/** The statement writeInvocationBatch sends (exported for EXPLAIN in the recording benchmark). */
export function batchStatement(rows: readonly InvocationRecord[], touchKeyIds: readonly string[] = []) {
  const col = <T>(f: (r: InvocationRecord) => T) => rows.map(f);
  const values: unknown[] = [
    col((r) => r.at.toISOString()), col((r) => r.requestId), col((r) => r.modelId), col((r) => r.versionId),
    col((r) => r.appId), col((r) => r.apiKeyId), col((r) => r.userId), col((r) => r.channel),
    col((r) => r.statusCode), col((r) => r.errorCode), col((r) => r.gatewayMs), col((r) => r.upstreamMs),
    col((r) => r.bytesIn), col((r) => r.bytesOut), col((r) => r.tokensIn), col((r) => r.tokensOut),
    col((r) => r.costMicros.toString()), col((r) => r.valueMicros.toString()),
    ...rollupParams(rollupRows(rows, "hour")),
    ...rollupParams(rollupRows(rows, "day")),
  ];
  const touch = touchKeyIds.length > 0;
  if (touch) values.push(touchKeyIds);
  // Not a named (prepared) statement: after five runs PostgreSQL may switch a prepared statement to a generic plan,
  // which cannot see how few keys a flush has; planning each flush costs ~2 ms.
  return { text: SQL(touch), values };
}
