-- AlterTable
ALTER TABLE "catalog_generation" ADD COLUMN     "logFrom" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "catalog_changes" (
    "generation" BIGINT NOT NULL,
    "modelId" UUID NOT NULL,

    CONSTRAINT "catalog_changes_pkey" PRIMARY KEY ("generation","modelId")
);



-- ---------------------------------------------------------------------------------------------------
-- Hand-written: the change log behind the catalog index's incremental reload.

-- The log starts now: an index built before this migration is older than logFrom and is built afresh.
UPDATE "catalog_generation" SET "logFrom" = "generation" WHERE "id" = 1;

-- Same trigger as before (deferred to commit, one bump per transaction), now also logging each changed
-- model under the transaction's new generation. The generation row stays locked until commit, so
-- generations commit in order and a reader that sees generation N sees every log row up to N. A
-- transaction that changes more than 1000 models (bulk loads, TRUNCATE) logs nothing and moves logFrom
-- instead: every index is then built afresh, cheaper than patching that many rows. Every 1000th generation
-- prunes the log to the last 1000 generations.
CREATE OR REPLACE FUNCTION modelport_bump_catalog_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gen bigint;
  logged integer;
BEGIN
  IF current_setting('modelport.catalog_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "catalog_generation" SET "generation" = "generation" + 1 WHERE "id" = 1 RETURNING "generation" INTO gen;
    PERFORM set_config('modelport.catalog_bumped', txid_current()::text, true);
    PERFORM set_config('modelport.catalog_generation', gen::text, true);
    PERFORM set_config('modelport.catalog_logged', '0', true);
    IF gen % 1000 = 0 THEN
      DELETE FROM "catalog_changes" WHERE "generation" <= gen - 1000;
      UPDATE "catalog_generation" SET "logFrom" = greatest("logFrom", gen - 1000) WHERE "id" = 1;
    END IF;
  ELSE
    gen := current_setting('modelport.catalog_generation')::bigint;
  END IF;
  IF TG_TABLE_NAME <> 'models' THEN
    RETURN NULL; -- team changes need no log: every reload re-reads the (few) teams
  END IF;
  logged := current_setting('modelport.catalog_logged')::integer;
  IF logged < 0 THEN
    RETURN NULL; -- this transaction already gave up logging
  ELSIF TG_LEVEL = 'STATEMENT' OR logged >= 1000 THEN
    DELETE FROM "catalog_changes" WHERE "generation" <= gen;
    UPDATE "catalog_generation" SET "logFrom" = gen WHERE "id" = 1;
    PERFORM set_config('modelport.catalog_logged', '-1', true);
  ELSE
    INSERT INTO "catalog_changes" ("generation", "modelId")
    VALUES (gen, CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END) ON CONFLICT DO NOTHING;
    PERFORM set_config('modelport.catalog_logged', (logged + 1)::text, true);
  END IF;
  RETURN NULL;
END $$;
