-- DropIndex
DROP INDEX "models_catalogStatuses_idx";

-- DropTable
DROP TABLE "catalog_generation";

-- DropTable
DROP TABLE "catalog_changes";

-- CreateIndex
CREATE INDEX "models_catalog_idx" ON "models"("teamId", "catalogStatuses", "task", "framework", "license", "visibility", "tags", "catalogRuntimes", "updatedAt", "displayName", "id");



-- ---------------------------------------------------------------------------------------------------
-- Hand-written: catalog search runs in PostgreSQL again, so nothing needs to know when the catalog
-- changed: the generation counter's triggers and function go with its tables.
DROP TRIGGER "models_catalog_generation" ON "models";
DROP TRIGGER "teams_catalog_generation" ON "teams";
DROP TRIGGER "models_catalog_generation_truncate" ON "models";
DROP TRIGGER "teams_catalog_generation_truncate" ON "teams";
DROP FUNCTION modelport_bump_catalog_generation();
