-- Trigram matching (typo/prefix correction) and edit distance for the catalog search vocabulary.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "catalogRuntimes" "Runtime"[] DEFAULT ARRAY[]::"Runtime"[],
ADD COLUMN     "catalogStatuses" "VersionStatus"[] DEFAULT ARRAY[]::"VersionStatus"[],
ADD COLUMN     "searchVector" tsvector;

-- CreateTable
CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,

    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);

-- CreateIndex
CREATE INDEX "search_terms_term_idx" ON "search_terms" USING GIN ("term" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "models_searchVector_idx" ON "models" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "models_catalogStatuses_idx" ON "models" USING GIN ("catalogStatuses");


-- ---------------------------------------------------------------------------------------------------
-- Hand-written: the search document, the vocabulary and the version-derived catalog columns.

-- A trigger rather than a generated column: array_to_string() is only STABLE, so Postgres refuses it in a
-- generated column. Names are also split on - and _ so "iris-classifier" is found by "classifier".
CREATE FUNCTION modelport_model_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchVector" :=
      setweight(to_tsvector('english', coalesce(NEW."name", '') || ' ' || translate(coalesce(NEW."name", ''), '-_.', '   ') || ' ' || coalesce(NEW."displayName", '')), 'A')
   || setweight(to_tsvector('english', coalesce(NEW."summary", '') || ' ' || array_to_string(NEW."tags", ' ') || ' ' || translate(coalesce(NEW."task", ''), '-_', '  ')), 'B')
   || setweight(to_tsvector('english', left(coalesce(NEW."card", ''), 100000)), 'C');
  RETURN NEW;
END $$;

CREATE TRIGGER models_search_document
  BEFORE INSERT OR UPDATE OF "name", "displayName", "summary", "tags", "task", "card" ON "models"
  FOR EACH ROW EXECUTE FUNCTION modelport_model_search_document();

-- Words only ever get added: a stale word merely suggests a correction that then matches nothing.
CREATE FUNCTION modelport_model_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_terms" ("term")
  SELECT DISTINCT w
    FROM regexp_split_to_table(lower(
           coalesce(NEW."name", '') || ' ' || coalesce(NEW."displayName", '') || ' ' || coalesce(NEW."summary", '') || ' ' ||
           array_to_string(NEW."tags", ' ') || ' ' || coalesce(NEW."task", '') || ' ' || coalesce(NEW."framework", '') || ' ' ||
           left(coalesce(NEW."card", ''), 20000)), '[^a-z0-9]+') AS w
   WHERE length(w) BETWEEN 3 AND 40 AND w ~ '^[a-z]'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER models_search_terms
  AFTER INSERT OR UPDATE OF "name", "displayName", "summary", "tags", "task", "framework", "card" ON "models"
  FOR EACH ROW EXECUTE FUNCTION modelport_model_search_terms();

-- Version statuses and runtimes copied onto the model, so catalog filters, facets and the visibility rule
-- need no join over versions.
CREATE FUNCTION modelport_refresh_model_catalog(model_id uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE "models" m SET
    "catalogStatuses" = coalesce((SELECT array_agg(DISTINCT v."status" ORDER BY v."status") FROM "model_versions" v WHERE v."modelId" = model_id), ARRAY[]::"VersionStatus"[]),
    "catalogRuntimes" = coalesce((SELECT array_agg(DISTINCT v."runtime" ORDER BY v."runtime") FROM "model_versions" v
                                   WHERE v."modelId" = model_id AND v."status" NOT IN ('retired', 'rejected')), ARRAY[]::"Runtime"[])
  WHERE m."id" = model_id;
$$;

CREATE FUNCTION modelport_model_versions_catalog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM modelport_refresh_model_catalog(OLD."modelId"); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW."modelId" <> OLD."modelId") THEN
    PERFORM modelport_refresh_model_catalog(NEW."modelId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER model_versions_catalog
  AFTER INSERT OR DELETE OR UPDATE OF "status", "runtime", "modelId" ON "model_versions"
  FOR EACH ROW EXECUTE FUNCTION modelport_model_versions_catalog();

-- Existing rows (none on a fresh install; demo data already seeded elsewhere gets its columns filled).
UPDATE "models" SET "name" = "name";
SELECT modelport_refresh_model_catalog("id") FROM "models";

-- 30-day calls per model for the "most used" sort, refreshed by lib/catalog/model-usage-30d.ts when older
-- than a few minutes (a materialised view: summing 720 hourly rows per model on every search is too slow).
CREATE MATERIALIZED VIEW "model_usage_30d" AS
  SELECT "modelId", sum("calls")::bigint AS "calls", now() AS "refreshedAt"
    FROM "usage_hourly"
   WHERE "bucket" >= now() - interval '30 days'
   GROUP BY "modelId";
CREATE UNIQUE INDEX "model_usage_30d_modelId_key" ON "model_usage_30d" ("modelId");

