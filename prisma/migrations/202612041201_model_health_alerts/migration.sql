-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('healthy', 'warning', 'failing', 'unknown');

-- CreateEnum
CREATE TYPE "QualityKind" AS ENUM ('classification', 'regression');

-- DropIndex
DROP INDEX "models_catalog_idx";

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "healthStatus" "HealthStatus" NOT NULL DEFAULT 'unknown';

-- AlterTable
ALTER TABLE "model_versions" ADD COLUMN     "alertThresholds" JSONB,
ADD COLUMN     "qualityKind" "QualityKind",
ADD COLUMN     "referenceAccuracy" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "ground_truth" (
    "requestId" TEXT NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "predictedLabel" TEXT,
    "predictedValue" DOUBLE PRECISION,
    "actualLabel" TEXT,
    "actualValue" DOUBLE PRECISION,
    "feedbackAt" TIMESTAMPTZ(3),
    "feedbackById" UUID,
    "feedbackKeyId" UUID,

    CONSTRAINT "ground_truth_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "model_alerts" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "figure" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedFigure" DOUBLE PRECISION,

    CONSTRAINT "model_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ground_truth_versionId_at_idx" ON "ground_truth"("versionId", "at");

-- CreateIndex
CREATE INDEX "model_alerts_versionId_resolvedAt_idx" ON "model_alerts"("versionId", "resolvedAt");

-- CreateIndex
CREATE INDEX "model_alerts_resolvedAt_openedAt_idx" ON "model_alerts"("resolvedAt", "openedAt");

-- CreateIndex
CREATE INDEX "models_catalog_idx" ON "models"("teamId", "catalogStatuses", "task", "framework", "license", "visibility", "tags", "catalogRuntimes", "healthStatus", "updatedAt", "displayName", "id");

-- AddForeignKey
ALTER TABLE "ground_truth" ADD CONSTRAINT "ground_truth_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ground_truth" ADD CONSTRAINT "ground_truth_feedbackById_fkey" FOREIGN KEY ("feedbackById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_alerts" ADD CONSTRAINT "model_alerts_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

