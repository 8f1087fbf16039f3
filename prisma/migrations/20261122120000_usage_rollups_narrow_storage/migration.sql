-- Dashboards scan the narrow roll-ups for their sums (and usage_hourly_by's packed buckets); the dense histogram
-- arrays (~650 bytes each, six on a daily row) are read only for a few rows per query (cumulative differences,
-- channel rows). Keep them out of line so a scanned row is ~150 bytes instead of several kB, as for usage_daily.
ALTER TABLE "usage_daily_by" ALTER COLUMN "latencyHist" SET STORAGE EXTERNAL, ALTER COLUMN "gatewayHist" SET STORAGE EXTERNAL,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTERNAL, ALTER COLUMN "cumLatency" SET STORAGE EXTERNAL,
  ALTER COLUMN "cumGateway" SET STORAGE EXTERNAL, ALTER COLUMN "cumUpstream" SET STORAGE EXTERNAL;
ALTER TABLE "usage_daily_by" SET (toast_tuple_target = 128);
ALTER TABLE "usage_hourly_by" ALTER COLUMN "latencyHist" SET STORAGE EXTERNAL, ALTER COLUMN "gatewayHist" SET STORAGE EXTERNAL,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTERNAL, ALTER COLUMN "histSparse" SET STORAGE MAIN;
ALTER TABLE "usage_hourly_by" SET (toast_tuple_target = 128);
-- Rewrites existing rows with the new storage, in (dimension, time) order: a range's rows share pages.
CLUSTER "usage_hourly_by" USING "usage_hourly_by_dim_bucket_idx";
CLUSTER "usage_daily_by" USING "usage_daily_by_dim_day_idx";
