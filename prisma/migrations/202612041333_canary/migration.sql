-- CreateTable
CREATE TABLE "model_canaries" (
    "modelId" UUID NOT NULL,
    "stableVersionId" UUID NOT NULL,
    "canaryVersionId" UUID NOT NULL,
    "weight" INTEGER NOT NULL,
    "setById" UUID,
    "rolledBackAt" TIMESTAMPTZ(3),
    "rollbackReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_canaries_pkey" PRIMARY KEY ("modelId")
);

-- CreateIndex
CREATE INDEX "model_canaries_stableVersionId_idx" ON "model_canaries"("stableVersionId");

-- CreateIndex
CREATE INDEX "model_canaries_canaryVersionId_idx" ON "model_canaries"("canaryVersionId");

-- AddForeignKey
ALTER TABLE "model_canaries" ADD CONSTRAINT "model_canaries_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_canaries" ADD CONSTRAINT "model_canaries_stableVersionId_fkey" FOREIGN KEY ("stableVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_canaries" ADD CONSTRAINT "model_canaries_canaryVersionId_fkey" FOREIGN KEY ("canaryVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The canary's share is a percentage, and a canary is another version than the stable one.
ALTER TABLE "model_canaries" ADD CONSTRAINT "model_canaries_weight" CHECK ("weight" BETWEEN 0 AND 100);
ALTER TABLE "model_canaries" ADD CONSTRAINT "model_canaries_two_versions" CHECK ("stableVersionId" <> "canaryVersionId");

-- The gateway caches each model's canary (lib/gateway/hot-cache.ts, bucket "rollout").
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON model_canaries
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
