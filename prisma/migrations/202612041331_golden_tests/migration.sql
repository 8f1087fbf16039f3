-- CreateTable
CREATE TABLE "golden_test_suites" (
    "versionId" UUID NOT NULL,
    "cases" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "golden_test_suites_pkey" PRIMARY KEY ("versionId")
);

-- CreateTable
CREATE TABLE "golden_test_runs" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "total" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "results" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "golden_test_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "golden_test_runs_versionId_at_idx" ON "golden_test_runs"("versionId", "at");

-- AddForeignKey
ALTER TABLE "golden_test_suites" ADD CONSTRAINT "golden_test_suites_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "golden_test_runs" ADD CONSTRAINT "golden_test_runs_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

