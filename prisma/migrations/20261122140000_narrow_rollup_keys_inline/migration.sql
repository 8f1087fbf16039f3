-- Hand-written (Prisma cannot express column storage).
-- toast_tuple_target = 128 (migration 20261122120000_usage_rollups_narrow_storage) was meant to push only the
-- histogram arrays out of line, but the toaster also moved each row's `key` (36–73 bytes) and could move `dim`
-- into the TOAST table: every GROUP BY key, join on key or ON CONFLICT check then fetched it back through the
-- TOAST index (536,620 buffer hits to group 45,000 daily rows by model; 657 ms instead of 48 ms). PLAIN keeps
-- them in the row; CLUSTER rewrites the existing rows with the new storage, in (dimension, time) order.
ALTER TABLE "usage_daily_by" ALTER COLUMN "dim" SET STORAGE PLAIN, ALTER COLUMN "key" SET STORAGE PLAIN;
ALTER TABLE "usage_hourly_by" ALTER COLUMN "dim" SET STORAGE PLAIN, ALTER COLUMN "key" SET STORAGE PLAIN;
CLUSTER "usage_hourly_by" USING "usage_hourly_by_dim_bucket_idx";
CLUSTER "usage_daily_by" USING "usage_daily_by_dim_day_idx";
