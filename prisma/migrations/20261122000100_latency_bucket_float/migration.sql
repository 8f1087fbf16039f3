-- Same buckets as before (and as lib/usage/latency-buckets.ts), computed in double precision: numeric
-- log() cost ~15 µs a call, which made roll-ups over millions of rows needlessly slow.
CREATE OR REPLACE FUNCTION "modelport_latency_bucket"(ms double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms IS NULL OR ms <= 0.1 THEN 0
              ELSE LEAST(81, GREATEST(0, ceil(4 * ln(ms / 0.1) / ln(2) - 1e-9)::integer)) END
$$;
