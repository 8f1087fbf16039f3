-- Dashboards read one dimension over a time range: index (dim, time) rather than time alone.
DROP INDEX "usage_daily_by_day_idx";
CREATE INDEX "usage_daily_by_dim_day_idx" ON "usage_daily_by"("dim", "day");
CREATE INDEX "usage_hourly_by_dim_bucket_idx" ON "usage_hourly_by"("dim", "bucket");

-- Bulk loads (the demo seed, restores) build the narrow roll-ups in one pass from the invocation rows instead
-- of through the per-statement triggers, which would unnest every hourly histogram again. They set
-- modelport.skip_narrow_rollups = on for their transaction while they write usage_hourly.

CREATE OR REPLACE FUNCTION "modelport_usage_hourly_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.skip_narrow_rollups', true) = 'on' THEN RETURN NULL; END IF;
  EXECUTE modelport_usage_hourly_by_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "modelport_usage_daily_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.skip_narrow_rollups', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM modelport_usage_daily_by_prepare();
  EXECUTE modelport_usage_daily_by_collect_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  PERFORM modelport_usage_daily_by_fold();
  RETURN NULL;
END;
$$;

-- An 82-bucket histogram from a list of bucket numbers (aggregate with array_agg(bucket)).
CREATE FUNCTION "modelport_hist_of"(buckets integer[]) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  h bigint[] := array_fill(0::bigint, ARRAY[82]);
  b integer;
BEGIN
  FOREACH b IN ARRAY buckets LOOP h[b + 1] := h[b + 1] + 1; END LOOP;
  RETURN h;
END;
$$;

-- Rebuilds usage_hourly_by and usage_daily_by from the invocation rows (exact: the roll-ups are sums of them).
-- Call it with the roll-up queue empty (nothing recorded but not yet folded).
-- One pass over the invocation rows: figures per (hour or day, dim, key), in usage_hourly_by's column order.
CREATE FUNCTION "modelport_narrow_from_invocations_sql"(unit text, insert_into text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  %s
  SELECT date_trunc(%L, i.at, 'UTC'), k.dim, k.key, count(*), count(*) FILTER (WHERE i."statusCode" >= 400), sum(i."costMicros"),
         sum(i."valueMicros"), sum(i."gatewayMs"), sum(i."upstreamMs"),
         modelport_hist_of(array_agg(modelport_latency_bucket_fast(i."gatewayMs" + i."upstreamMs"))),
         modelport_hist_of(array_agg(modelport_latency_bucket_fast(i."gatewayMs"))), modelport_hist_of(array_agg(modelport_latency_bucket_fast(i."upstreamMs")))
    FROM "invocations" i CROSS JOIN LATERAL (VALUES ('model'::text, i."modelId"::text), ('app'::text, coalesce(i."appId"::text, '')),
      ('channel'::text, i.channel::text), ('line'::text, i."modelId"::text || '|' || coalesce(i."appId"::text, ''))) AS k(dim, key)
   GROUP BY 1, 2, 3
   ORDER BY 1, 2 -- time order, as the roll-up worker writes: a range's rows share pages
  $q$, insert_into, unit)
$f$;

CREATE FUNCTION "modelport_rebuild_usage_narrow_from_invocations"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('modelport.skip_narrow_rollups', 'on', true);
  DELETE FROM "usage_hourly_by";
  DELETE FROM "usage_daily_by";
  EXECUTE modelport_narrow_from_invocations_sql('hour', 'INSERT INTO "usage_hourly_by" ("bucket", dim, key, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")');
  PERFORM modelport_usage_daily_by_prepare();
  EXECUTE modelport_narrow_from_invocations_sql('day', 'INSERT INTO modelport_daily_by_delta');
  PERFORM modelport_usage_daily_by_fold();
  PERFORM set_config('modelport.skip_narrow_rollups', 'off', true);
END;
$$;
