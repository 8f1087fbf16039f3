-- CreateEnum
CREATE TYPE "PredictionStatus" AS ENUM ('starting', 'processing', 'succeeded', 'failed', 'canceled');

-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "predictionId" UUID,
ADD COLUMN     "secret" TEXT,
ADD COLUMN     "url" TEXT,
ALTER COLUMN "webhookId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "predictions" (
    "id" UUID NOT NULL,
    "status" "PredictionStatus" NOT NULL DEFAULT 'starting',
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "apiKeyId" UUID,
    "appId" UUID,
    "userId" UUID,
    "channel" "Channel" NOT NULL,
    "requestId" TEXT NOT NULL,
    "input" JSONB,
    "output" JSONB,
    "error" TEXT,
    "errorCode" TEXT,
    "webhookUrl" TEXT,
    "webhookEvents" TEXT[],
    "webhookSecret" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMPTZ(3),
    "predictTimeMs" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "inputPurgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "predictions_status_createdAt_idx" ON "predictions"("status", "createdAt");

-- CreateIndex
CREATE INDEX "predictions_appId_createdAt_idx" ON "predictions"("appId", "createdAt");

-- CreateIndex
CREATE INDEX "predictions_userId_createdAt_idx" ON "predictions"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "predictions_completedAt_idx" ON "predictions"("completedAt");

-- CreateIndex
CREATE INDEX "webhook_deliveries_predictionId_idx" ON "webhook_deliveries"("predictionId");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "predictions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A delivery goes to a registered webhook, or to a prediction's own URL signed with its own secret.
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_target_check"
  CHECK ("webhookId" IS NOT NULL OR ("url" IS NOT NULL AND "secret" IS NOT NULL));
