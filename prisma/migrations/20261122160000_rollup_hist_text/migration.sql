-- Hand-written (generated columns).
-- The dashboards read an edge hour's packed buckets and a key's cumulative histograms as text and add them up in
-- Node. Formatting those numbers was most of those queries' PostgreSQL time (~160 ns a number, 200,000–250,000
-- numbers per query at 10 M calls), so the text is now stored with the row, kept by PostgreSQL from the
-- histogram columns, and stays in the row (MAIN: compressed inline, not moved to TOAST).

-- array_to_string() is STABLE in general (an element's output may depend on settings); for bigint it is not.
CREATE FUNCTION "modelport_hist_text"(h bigint[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_string(h, ',')
$$;

ALTER TABLE "usage_hourly_by" ADD COLUMN "histText" TEXT STORAGE MAIN
  GENERATED ALWAYS AS (modelport_hist_text(modelport_hist_sparse("latencyHist", "gatewayHist", "upstreamHist"))) STORED;

-- The three cumulative histograms, ';'-separated.
ALTER TABLE "usage_daily_by" ADD COLUMN "cumText" TEXT STORAGE MAIN
  GENERATED ALWAYS AS (modelport_hist_text("cumLatency") || ';' || modelport_hist_text("cumGateway") || ';' || modelport_hist_text("cumUpstream")) STORED;
