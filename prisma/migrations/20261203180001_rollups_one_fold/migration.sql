-- AlterTable
ALTER TABLE "usage_daily" DROP COLUMN "histSparse";

-- AlterTable
ALTER TABLE "usage_hourly_by" DROP COLUMN "histText";

-- AlterTable (the generated "cumText" first: it depends on the cumulative histograms)
ALTER TABLE "usage_daily_by" DROP COLUMN "cumText",
DROP COLUMN "cumCalls",
DROP COLUMN "cumCostMicros",
DROP COLUMN "cumErrors",
DROP COLUMN "cumGateway",
DROP COLUMN "cumGatewayMsSum",
DROP COLUMN "cumLatency",
DROP COLUMN "cumUpstream",
DROP COLUMN "cumUpstreamMsSum",
DROP COLUMN "cumValueMicros";

-- CreateTable
CREATE TABLE "usage_dead_letters" (
    "id" BIGSERIAL NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT NOT NULL,
    "entry" JSONB NOT NULL,

    CONSTRAINT "usage_dead_letters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_dead_letters_failedAt_idx" ON "usage_dead_letters"("failedAt");



-- Hand-written below this line (Prisma cannot express triggers and functions).
-- One fold (lib/usage/rollups/fold-pending.ts) now writes all four roll-ups from the queue. The trigger fold,
-- the SQL rebuilds, the cumulative columns and the text encodings of histograms go, and with them the SQL
-- latency-bucket functions (the bucket formula lives in lib/usage/latency-buckets.ts only).
DROP TRIGGER "usage_hourly_daily_insert" ON "usage_hourly";
DROP TRIGGER "usage_hourly_daily_update" ON "usage_hourly";
DROP TRIGGER "usage_hourly_daily_delete" ON "usage_hourly";
DROP TRIGGER "usage_hourly_by_insert" ON "usage_hourly";
DROP TRIGGER "usage_hourly_by_update" ON "usage_hourly";
DROP TRIGGER "usage_hourly_by_delete" ON "usage_hourly";
DROP TRIGGER "usage_daily_by_insert" ON "usage_hourly_by";
DROP TRIGGER "usage_daily_by_update" ON "usage_hourly_by";
DROP TRIGGER "usage_daily_by_delete" ON "usage_hourly_by";
DROP FUNCTION "modelport_usage_daily_apply"(), "modelport_usage_daily_sql"(text), "modelport_rebuild_usage_daily"(),
  "modelport_usage_hourly_by_apply"(), "modelport_usage_hourly_by_sql"(text), "modelport_usage_daily_by_apply"(),
  "modelport_usage_daily_by_collect_sql"(text), "modelport_usage_daily_by_prepare"(), "modelport_usage_daily_by_fold"(),
  "modelport_rebuild_usage_daily_by"(), "modelport_rebuild_usage_narrow"(), "modelport_rebuild_usage_narrow_from_invocations"(),
  "modelport_narrow_from_invocations_sql"(text, text), "modelport_hist_of"(integer[]), "modelport_hist_sparse"(bigint[], bigint[], bigint[]),
  "modelport_hist_text"(bigint[]), "modelport_hist_compact"(bigint[], bigint[], bigint[]),
  "modelport_latency_bucket"(double precision), "modelport_latency_bucket_fast"(double precision);

-- modelport_hist_add (element-wise sum, the shorter array padded with zeros) stays: the fold's upsert adds a
-- pass's histograms to the stored ones with it.

-- Histograms now stop at their last non-empty bucket, so a roll-up row stays under PostgreSQL's TOAST threshold
-- (~2 kB) and the out-of-line storage settings never applied to it: back to PostgreSQL's defaults.
ALTER TABLE "usage_daily" ALTER COLUMN "latencyHist" SET STORAGE EXTENDED, ALTER COLUMN "gatewayHist" SET STORAGE EXTENDED,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTENDED, RESET (toast_tuple_target);
ALTER TABLE "usage_hourly_by" ALTER COLUMN "latencyHist" SET STORAGE EXTENDED, ALTER COLUMN "gatewayHist" SET STORAGE EXTENDED,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTENDED, ALTER COLUMN "dim" SET STORAGE EXTENDED, ALTER COLUMN "key" SET STORAGE EXTENDED,
  RESET (toast_tuple_target);
ALTER TABLE "usage_daily_by" ALTER COLUMN "latencyHist" SET STORAGE EXTENDED, ALTER COLUMN "gatewayHist" SET STORAGE EXTENDED,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTENDED, ALTER COLUMN "dim" SET STORAGE EXTENDED, ALTER COLUMN "key" SET STORAGE EXTENDED,
  RESET (toast_tuple_target);

-- The narrow dimensions changed (the consuming business unit instead of the chargeback line; 'none' for console
-- calls without an app). Rather than converting the old rows, the roll-ups are emptied and every recorded call is
-- queued again: the fold rebuilds them from the invocation rows within seconds to minutes after the start.
TRUNCATE "usage_pending", "usage_hourly", "usage_daily", "usage_hourly_by", "usage_daily_by";
INSERT INTO "usage_pending" ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs",
                             "bytesIn", "bytesOut", "costMicros", "valueMicros")
SELECT "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut",
       "costMicros", "valueMicros"
  FROM "invocations" ORDER BY "at";
