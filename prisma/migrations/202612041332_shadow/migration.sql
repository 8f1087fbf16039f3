-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'shadow';

-- CreateTable
CREATE TABLE "model_shadows" (
    "modelId" UUID NOT NULL,
    "candidateVersionId" UUID NOT NULL,
    "percent" INTEGER NOT NULL,
    "setById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_shadows_pkey" PRIMARY KEY ("modelId")
);

-- CreateTable
CREATE TABLE "shadow_comparisons" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modelId" UUID NOT NULL,
    "servingVersionId" UUID NOT NULL,
    "candidateVersionId" UUID NOT NULL,
    "requestId" TEXT NOT NULL,
    "agreement" BOOLEAN,
    "absDiff" DOUBLE PRECISION,
    "servingMs" DOUBLE PRECISION NOT NULL,
    "candidateMs" DOUBLE PRECISION NOT NULL,
    "servingError" TEXT,
    "candidateError" TEXT,

    CONSTRAINT "shadow_comparisons_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_shadows_candidateVersionId_idx" ON "model_shadows"("candidateVersionId");

-- CreateIndex
CREATE INDEX "shadow_comparisons_modelId_candidateVersionId_at_idx" ON "shadow_comparisons"("modelId", "candidateVersionId", "at");

-- AddForeignKey
ALTER TABLE "model_shadows" ADD CONSTRAINT "model_shadows_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_shadows" ADD CONSTRAINT "model_shadows_candidateVersionId_fkey" FOREIGN KEY ("candidateVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shadow_comparisons" ADD CONSTRAINT "shadow_comparisons_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The share mirrored is a percentage.
ALTER TABLE "model_shadows" ADD CONSTRAINT "model_shadows_percent" CHECK ("percent" BETWEEN 0 AND 100);

-- The gateway caches each model's shadow (lib/gateway/hot-cache.ts, bucket "rollout"): every change notifies
-- every portal process, like the other tables it caches.
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON model_shadows
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
