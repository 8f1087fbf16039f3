// Turns the traffic plan into invocation rows inside Postgres (one INSERT … SELECT over generate_series), each
// queued for the roll-up fold in the same statement, exactly as the recorder does. Random draws come from
// Postgres' random() after setseed(), and every step that draws reads its input in a fixed order, so the same
// plan gives the same rows.
import type { Prisma } from "../../lib/generated/prisma/client";
import { withoutIndexesAndForeignKeys } from "./bulk-load";
import type { Stream } from "./traffic";
import type { ProfileWeights } from "./traffic-profiles";

const STREAM_COLUMNS = `idx int, model_id uuid, version_id uuid, app_id uuid, key_id uuid, user_id uuid, channel "Channel",
  per_hour float8, profile text, from_at timestamptz, to_at timestamptz, ramp_from timestamptz, growth float8, err4 float8,
  err5 float8, up_ms float8, up_sigma float8, timeout_ms int, bytes_in int, bytes_out int, tok_in int, tok_out int,
  cost_kind text, micros_per_call bigint, hw text, in_per1k bigint, out_per1k bigint, value_micros bigint,
  inc_from timestamptz, inc_to timestamptz`;

const normal = (u1: string, u2: string, fn: "cos" | "sin") => `sqrt(-2 * ln(1 - ${u1})) * ${fn}(2 * pi() * ${u2})`;

// $1 streams (jsonb), $2 profile weights (jsonb), $3 now. Runs with TimeZone = UTC.
// "OFFSET 0" keeps Postgres from inlining a step into the next, which would re-evaluate its expressions
// (e.g. the random normals) at every reference instead of once per row.
const INSERT_INVOCATIONS = `
WITH inserted AS (
INSERT INTO invocations (at, "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", channel, "statusCode",
  "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
WITH p AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(profile text, weights float8[])),
s AS MATERIALIZED (
  SELECT x.*, p.weights, date_part('epoch', x.ramp_from) AS ramp_epoch, date_trunc('day', x.from_at) AS day0
  FROM jsonb_to_recordset($1::jsonb) AS x(${STREAM_COLUMNS}) JOIN p USING (profile)
  ORDER BY x.idx),
-- Day-to-day wobble per stream (lognormal, ~20 %), one array element per day from day0.
noisy AS MATERIALIZED (
  SELECT s.*, ARRAY(SELECT exp(0.2 * ${normal("random()", "random()", "cos")})
                    FROM generate_series(s.day0, s.to_at, interval '1 day')) AS noise
  FROM s),
rates AS MATERIALIZED (
  SELECT "hardwareClass" AS hw, "hourlyRateMicros" AS rate, "effectiveFrom" AS from_at,
    coalesce(lead("effectiveFrom") OVER (PARTITION BY "hardwareClass" ORDER BY "effectiveFrom"), 'infinity') AS to_at
  FROM hardware_rates),
-- Calls per stream-hour: rate × weekly shape × wobble × monthly growth × adoption ramp, rounded at random.
slots AS MATERIALIZED (
  SELECT idx, h, n FROM (
    SELECT s.idx, h, floor(random() + s.per_hour
        * s.weights[date_part('dow', h)::int * 24 + date_part('hour', h)::int + 1]
        * s.noise[floor(date_part('epoch', h - s.day0) / 86400)::int + 1]
        * power(1 + s.growth, (date_part('epoch', h) - date_part('epoch', $3::timestamptz)) / 2592000.0)
        * CASE WHEN s.ramp_epoch IS NULL THEN 1
               ELSE least(1, greatest(0, 0.1 + 0.9 * (date_part('epoch', h) - s.ramp_epoch) / (21 * 86400.0))) END)::int AS n
    FROM noisy s CROSS JOIN LATERAL generate_series(date_trunc('hour', s.from_at), s.to_at, interval '1 hour') h) q
  WHERE n > 0),
shaped AS (
  SELECT s.model_id, s.version_id, s.app_id, s.key_id, s.user_id, s.channel, s.err4, s.up_ms, s.up_sigma, s.timeout_ms,
    s.bytes_in, s.bytes_out, s.tok_in, s.tok_out, s.cost_kind, s.micros_per_call, s.hw, s.in_per1k, s.out_per1k,
    s.value_micros, c.at, c.r_kind, c.r_bytes, c.r_req, coalesce(c.at >= s.inc_from AND c.at < s.inc_to, false) AS incident,
    ${normal("c.u1", "c.u2", "cos")} AS z1, ${normal("c.u1", "c.u2", "sin")} AS z2,
    ${normal("c.u3", "c.u4", "cos")} AS z3, ${normal("c.u3", "c.u4", "sin")} AS z4,
    CASE WHEN c.r_status < s.err4 THEN
           CASE WHEN c.r_kind < 0.55 THEN 422 WHEN c.r_kind < 0.8 THEN 429 WHEN c.r_kind < 0.93 THEN 400 ELSE 413 END
         WHEN c.r_status < s.err4 + CASE WHEN c.at >= s.inc_from AND c.at < s.inc_to THEN 0.3 ELSE s.err5 END THEN
           CASE WHEN c.r_kind < 0.5 THEN 502 WHEN c.r_kind < 0.7 THEN 503 ELSE 504 END
         ELSE 200 END AS status
  FROM (SELECT idx, h + random() * interval '1 hour' AS at, random() AS r_status, random() AS r_kind, random() AS u1,
          random() AS u2, random() AS u3, random() AS u4, random() AS r_bytes, random() AS r_req
        FROM slots CROSS JOIN LATERAL generate_series(1, slots.n) k
        OFFSET 0) c
  JOIN s ON s.idx = c.idx
  WHERE c.at >= s.from_at AND c.at < s.to_at AND c.at <= $3::timestamptz
  OFFSET 0),
tokens AS (
  SELECT sh.*,
    CASE WHEN status = 200 AND tok_in IS NOT NULL THEN greatest(1, round(tok_in * exp(0.6 * z2)))::int END AS tokens_in,
    CASE WHEN status = 200 AND tok_in IS NOT NULL THEN greatest(0, round(tok_out * exp(0.5 * z3)))::int END AS tokens_out
  FROM shaped sh
  OFFSET 0),
-- Latencies in ms with three decimals; 4xx never reach the model, 504 waited for the whole timeout.
measured AS (
  SELECT t.*,
    round(least(25, 0.35 + 0.75 * exp(0.45 * z4)) * 1000) / 1000 AS gateway_ms,
    CASE WHEN status BETWEEN 400 AND 499 THEN 0
         WHEN status = 503 THEN round((1 + 4 * r_bytes) * 1000) / 1000
         WHEN status = 504 THEN timeout_ms::float8
         ELSE round(up_ms * exp(up_sigma * z1) * CASE WHEN incident THEN 3.5 ELSE 1 END
           * CASE WHEN tok_out > 0 AND status = 200 THEN 0.3 + 0.7 * tokens_out / tok_out::float8 ELSE 1 END * 1000) / 1000
    END AS upstream_ms,
    CASE WHEN status = 413 THEN 1048576 + (r_bytes * 400000)::int
         WHEN tokens_in IS NOT NULL THEN tokens_in * 4 + 180
         ELSE greatest(16, round(bytes_in * exp(0.35 * z2)))::int END AS b_in,
    CASE WHEN status >= 400 THEN 110 + (r_bytes * 60)::int
         WHEN tokens_out > 0 THEN tokens_out * 4 + 420
         ELSE greatest(16, round(bytes_out * (0.75 + 0.5 * r_bytes)))::int END AS b_out
  FROM tokens t
  OFFSET 0)
SELECT m.at, 'req_' || to_hex((date_part('epoch', m.at) * 1000)::bigint) || '_' || lpad(to_hex((m.r_req * 1099511627776)::bigint), 10, '0'),
  m.model_id, m.version_id, m.app_id, m.key_id, m.user_id, m.channel, m.status,
  CASE m.status WHEN 400 THEN 'malformed_json' WHEN 413 THEN 'payload_too_large' WHEN 422 THEN 'schema_validation_failed'
    WHEN 429 THEN 'rate_limited' WHEN 502 THEN 'upstream_error' WHEN 503 THEN 'upstream_unavailable'
    WHEN 504 THEN 'upstream_timeout' END,
  m.gateway_ms, m.upstream_ms, m.b_in, m.b_out, m.tokens_in, m.tokens_out,
  -- Cost as the gateway computes it (rounded half up to whole micros); callers pay nothing for 4xx.
  CASE WHEN m.status BETWEEN 400 AND 499 THEN 0
       WHEN m.cost_kind = 'per_call' THEN m.micros_per_call
       WHEN m.cost_kind = 'compute_time' THEN coalesce(floor(m.upstream_ms / 3600000 *
         (SELECT r.rate FROM rates r WHERE r.hw = m.hw AND m.at >= r.from_at AND m.at < r.to_at) + 0.5), 0)::bigint
       ELSE floor((coalesce(m.tokens_in, 0) * m.in_per1k + coalesce(m.tokens_out, 0) * m.out_per1k) / 1000.0 + 0.5)::bigint END,
  CASE WHEN m.status < 400 THEN m.value_micros ELSE 0 END
FROM measured m
ORDER BY date_trunc('hour', m.at), m.version_id, m.app_id, m.channel, m.at
RETURNING "at", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", channel, "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
SELECT * FROM inserted ORDER BY "at"`;

const TOUCH_KEYS = `
UPDATE api_keys k SET "lastUsedAt" = u.last_used
FROM (SELECT "apiKeyId", max(at) AS last_used FROM invocations WHERE "apiKeyId" IS NOT NULL GROUP BY 1) u
WHERE k.id = u."apiKeyId"`;

/**
 * Generates the invocation history (queued for the roll-up fold, which builds the roll-ups once the seed has
 * committed) and the keys' last use. Returns the number of calls.
 */
export async function writeTraffic(tx: Prisma.TransactionClient, streams: Stream[], weights: ProfileWeights[], now: Date): Promise<number> {
  await tx.$executeRawUnsafe(`SET LOCAL TimeZone = 'UTC'`);
  // These statements are large but run once: compiling them costs more than it saves.
  await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '128MB'`);
  await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '128MB'`);
  await tx.$executeRawUnsafe(`SELECT setseed(0.20261122)`);
  const indexed = JSON.stringify(streams.map((s, idx) => ({ idx, ...s })));
  const calls = await withoutIndexesAndForeignKeys(tx, "invocations", () =>
    tx.$executeRawUnsafe(INSERT_INVOCATIONS, indexed, JSON.stringify(weights), now.toISOString()),
  );
  await tx.$executeRawUnsafe(TOUCH_KEYS);
  return calls;
}
