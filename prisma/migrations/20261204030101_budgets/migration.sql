-- CreateEnum
CREATE TYPE "BudgetPeriod" AS ENUM ('day', 'week', 'month');

-- CreateTable
CREATE TABLE "budgets" (
    "id" UUID NOT NULL,
    "appId" UUID,
    "teamId" UUID,
    "businessUnitId" UUID,
    "amountMicros" BIGINT NOT NULL,
    "period" "BudgetPeriod" NOT NULL,
    "thresholdPercent" INTEGER NOT NULL DEFAULT 80,
    "hardCap" BOOLEAN NOT NULL DEFAULT false,
    "thresholdNotifiedFor" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "budgets_teamId_idx" ON "budgets"("teamId");

-- CreateIndex
CREATE INDEX "budgets_businessUnitId_idx" ON "budgets"("businessUnitId");

-- CreateIndex
-- One budget per scope and period: the two empty scope columns count as equal (NULLS NOT DISTINCT).
CREATE UNIQUE INDEX "budgets_appId_teamId_businessUnitId_period_key" ON "budgets"("appId", "teamId", "businessUnitId", "period") NULLS NOT DISTINCT;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_businessUnitId_fkey" FOREIGN KEY ("businessUnitId") REFERENCES "business_units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A budget is on exactly one scope: an app, a team or a business unit.
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_one_scope"
  CHECK ((("appId" IS NOT NULL)::int + ("teamId" IS NOT NULL)::int + ("businessUnitId" IS NOT NULL)::int) = 1);
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_amount_positive" CHECK ("amountMicros" > 0);
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_threshold_percent" CHECK ("thresholdPercent" BETWEEN 1 AND 100);

-- The gateway caches the hard-capped budgets (lib/budgets/enforce-budgets.ts): every portal process hears of a change.
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON budgets
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
