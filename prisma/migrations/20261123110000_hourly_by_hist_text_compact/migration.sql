-- Hand-written (generated column).
-- usage_hourly_by."histText" held each non-zero bucket packed as kind << 48 | bucket << 40 | count: ~16 digits an
-- entry, 3.2 MB of text for the 11,000 edge-hour rows of a 7-day usage-by-model query at 10 M calls, which both
-- PostgreSQL and Node spent most of that query's time on. Now "i:count" with i = kind × 82 + bucket (the three
-- histograms one after another): ~5 characters an entry. Read by addCompactText() in lib/usage/latency-buckets.ts.
CREATE FUNCTION "modelport_hist_compact"(l bigint[], g bigint[], u bigint[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(i::text || ':' || x::text, ','), '') FROM (
    SELECT n - 1 AS i, x FROM unnest(l) WITH ORDINALITY AS t(x, n) WHERE x <> 0
    UNION ALL SELECT 82 + n - 1, x FROM unnest(g) WITH ORDINALITY AS t(x, n) WHERE x <> 0
    UNION ALL SELECT 164 + n - 1, x FROM unnest(u) WITH ORDINALITY AS t(x, n) WHERE x <> 0) AS s
$$;

ALTER TABLE "usage_hourly_by" DROP COLUMN "histText";
ALTER TABLE "usage_hourly_by" ADD COLUMN "histText" TEXT STORAGE MAIN
  GENERATED ALWAYS AS (modelport_hist_compact("latencyHist", "gatewayHist", "upstreamHist")) STORED;
