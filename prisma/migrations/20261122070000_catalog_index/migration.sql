-- CreateTable
CREATE TABLE "catalog_generation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "catalog_generation_pkey" PRIMARY KEY ("id")
);



-- ---------------------------------------------------------------------------------------------------
-- Hand-written: the generation counter behind the in-process catalog search index.

INSERT INTO "catalog_generation" ("id", "generation") VALUES (1, 0);

-- Deferred to commit time so the counter row is locked last (nothing else is locked after it, so it adds
-- no deadlock), and at most once per transaction (a bulk update of 100,000 rows bumps it once).
-- The bump commits atomically with the change, so a reader that reads the counter and the catalog in one
-- snapshot never labels old data with a new generation.
CREATE FUNCTION modelport_bump_catalog_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.catalog_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "catalog_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;
    PERFORM set_config('modelport.catalog_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER models_catalog_generation AFTER INSERT OR UPDATE OR DELETE ON "models"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION modelport_bump_catalog_generation();
CREATE CONSTRAINT TRIGGER teams_catalog_generation AFTER INSERT OR UPDATE OR DELETE ON "teams"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION modelport_bump_catalog_generation();
CREATE TRIGGER models_catalog_generation_truncate AFTER TRUNCATE ON "models"
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_bump_catalog_generation();
CREATE TRIGGER teams_catalog_generation_truncate AFTER TRUNCATE ON "teams"
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_bump_catalog_generation();
