-- AlterTable
ALTER TABLE "model_versions" ADD COLUMN     "captureRate" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
ADD COLUMN     "captureRedactFields" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "payload_captures" (
    "id" BIGSERIAL NOT NULL,
    "versionId" UUID NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "input" JSONB NOT NULL,
    "output" JSONB NOT NULL,
    "foldedAt" TIMESTAMPTZ(3),

    CONSTRAINT "payload_captures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_profiles" (
    "versionId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "fileName" TEXT,
    "rowCount" INTEGER NOT NULL,
    "features" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reference_profiles_pkey" PRIMARY KEY ("versionId")
);

-- CreateTable
CREATE TABLE "health_bins" (
    "versionId" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "feature" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "health_bins_pkey" PRIMARY KEY ("versionId","hour","feature","bucket")
);

-- CreateIndex
CREATE INDEX "payload_captures_versionId_at_idx" ON "payload_captures"("versionId", "at");

-- CreateIndex
CREATE INDEX "payload_captures_at_idx" ON "payload_captures"("at");

-- CreateIndex
CREATE INDEX "payload_captures_foldedAt_idx" ON "payload_captures"("foldedAt");

-- AddForeignKey
ALTER TABLE "payload_captures" ADD CONSTRAINT "payload_captures_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reference_profiles" ADD CONSTRAINT "reference_profiles_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "health_bins" ADD CONSTRAINT "health_bins_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A capture rate is a share of calls.
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_capture_rate_range" CHECK ("captureRate" >= 0 AND "captureRate" <= 1);
