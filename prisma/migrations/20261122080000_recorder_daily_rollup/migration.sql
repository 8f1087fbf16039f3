-- Hand-written (no schema change).

-- The recorder (lib/usage/recorder/write-batch.ts) aggregates each flush per (day, version, app, channel) in
-- the process and upserts usage_daily in the same statement as usage_hourly; it sets the transaction-local
-- flag modelport.daily_in_writer so the triggers do not add the same calls a second time. Every other writer
-- of usage_hourly (seed, tests, repairs) still gets usage_daily kept in step by the triggers.
CREATE OR REPLACE FUNCTION "modelport_usage_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.daily_in_writer', true) = 'on' THEN
    RETURN NULL;
  END IF;
  EXECUTE modelport_usage_daily_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

-- Adds a sparse histogram delta to a stored histogram: `packed` holds non-zero buckets as
-- kind << 48 | bucket << 40 | count (the layout of usage_daily."histSparse"); only entries of `kind` (0 total,
-- 1 gateway, 2 model) are added. A recorder flush adds one or two calls per key, so this touches a few buckets
-- instead of all 82. A missing or short stored histogram is padded with zeros (82 = BUCKET_COUNT).
CREATE FUNCTION "modelport_hist_apply"(h bigint[], packed bigint[], kind integer) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  r bigint[] := coalesce(h, '{}');
  len integer := coalesce(array_length(h, 1), 0);
  v bigint;
  i integer;
BEGIN
  IF len < 82 THEN
    r := r || array_fill(0::bigint, ARRAY[82 - len]);
  END IF;
  FOREACH v IN ARRAY coalesce(packed, '{}') LOOP
    IF (v >> 48) = kind THEN
      i := ((v >> 40) & 255)::integer + 1;
      r[i] := coalesce(r[i], 0) + (v & 1099511627775);
    END IF;
  END LOOP;
  RETURN r;
END;
$$;
