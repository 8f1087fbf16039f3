-- Hand-written. Since 20261122160000_rollup_hist_text the dashboards read usage_hourly_by's packed buckets as text
-- ("histText"); the bigint[] "histSparse" was no longer read but still computed on every roll-up write.
-- (usage_daily keeps its own histSparse: the filtered views read it.) Dropping a column does not rewrite the table.
ALTER TABLE "usage_hourly_by" DROP COLUMN "histSparse";
