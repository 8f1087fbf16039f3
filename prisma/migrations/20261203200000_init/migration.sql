-- Modelport's schema in one migration: what the pre-release migrations built, squashed before the first
-- release (their history is in git). Tables, indexes and foreign keys are what prisma/schema.prisma describes
-- (prisma/schema-drift.test.ts holds the two together); the rest is what Prisma cannot express: extensions,
-- the partitioned invocation log, triggers, functions and a materialised view. Grouped by area.

CREATE SCHEMA IF NOT EXISTS "public";

-- Trigram matching (typo and prefix correction) and edit distance for the catalog search vocabulary.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TYPE "Role" AS ENUM ('consumer', 'publisher', 'reviewer', 'executive', 'admin');
CREATE TYPE "TeamRole" AS ENUM ('member', 'maintainer');
CREATE TYPE "Visibility" AS ENUM ('public', 'gated');
CREATE TYPE "VersionStatus" AS ENUM ('draft', 'pending_review', 'approved', 'rejected', 'deprecated', 'retired');
CREATE TYPE "Runtime" AS ENUM ('onnx', 'http', 'openai');
CREATE TYPE "HttpProtocol" AS ENUM ('generic', 'kserve_v2', 'openai');
CREATE TYPE "RiskLevel" AS ENUM ('low', 'medium', 'high');
CREATE TYPE "ReviewDecision" AS ENUM ('approve', 'reject');
CREATE TYPE "Channel" AS ENUM ('api', 'console');
CREATE TYPE "AccessStatus" AS ENUM ('pending', 'approved', 'denied', 'revoked');
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- =============================================================================================================
-- People, teams and sign-in
-- =============================================================================================================

CREATE TABLE "business_units" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "costCenter" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "business_units_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "business_units_slug_key" ON "business_units"("slug");
CREATE UNIQUE INDEX "business_units_costCenter_key" ON "business_units"("costCenter");

CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT,
    "businessUnitId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "teams_slug_key" ON "teams"("slug");
CREATE INDEX "teams_businessUnitId_idx" ON "teams"("businessUnitId");
ALTER TABLE "teams" ADD CONSTRAINT "teams_businessUnitId_fkey" FOREIGN KEY ("businessUnitId") REFERENCES "business_units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'consumer',
    "authProvider" TEXT NOT NULL DEFAULT 'credentials',
    "externalId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "users_authProvider_externalId_key" ON "users"("authProvider", "externalId");

CREATE TABLE "team_members" (
    "userId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "role" "TeamRole" NOT NULL DEFAULT 'member',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "team_members_pkey" PRIMARY KEY ("userId","teamId")
);
CREATE INDEX "team_members_teamId_idx" ON "team_members"("teamId");
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,
    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "user_sessions_userId_idx" ON "user_sessions"("userId");
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "auth_throttle" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "auth_throttle_pkey" PRIMARY KEY ("key")
);

-- =============================================================================================================
-- Apps and API keys
-- =============================================================================================================

CREATE TABLE "apps" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" UUID NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),
    "allowedOrigins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "apps_teamId_idx" ON "apps"("teamId");
CREATE UNIQUE INDEX "apps_teamId_name_key" ON "apps"("teamId", "name");
ALTER TABLE "apps" ADD CONSTRAINT "apps_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "apps" ADD CONSTRAINT "apps_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY['invoke']::TEXT[],
    "modelAllowlist" UUID[] DEFAULT ARRAY[]::UUID[],
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");
CREATE INDEX "api_keys_appId_idx" ON "api_keys"("appId");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =============================================================================================================
-- Catalog: models, versions, reviews
-- =============================================================================================================

CREATE TABLE "models" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "card" TEXT NOT NULL DEFAULT '',
    "task" TEXT NOT NULL,
    "framework" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "license" TEXT,
    "contactEmail" TEXT,
    "visibility" "Visibility" NOT NULL DEFAULT 'public',
    "businessOwnerId" UUID,
    "valuePerCallMicros" BIGINT NOT NULL DEFAULT 0,
    "expectedMonthlyValueMicros" BIGINT,
    "riskLevel" "RiskLevel",
    "intendedUse" TEXT NOT NULL DEFAULT '',
    "limitations" TEXT NOT NULL DEFAULT '',
    "searchVector" tsvector,
    "catalogStatuses" "VersionStatus"[] DEFAULT ARRAY[]::"VersionStatus"[],
    "catalogRuntimes" "Runtime"[] DEFAULT ARRAY[]::"Runtime"[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "models_slug_key" ON "models"("slug");
CREATE INDEX "models_task_idx" ON "models"("task");
CREATE INDEX "models_framework_idx" ON "models"("framework");
CREATE INDEX "models_visibility_idx" ON "models"("visibility");
CREATE INDEX "models_tags_idx" ON "models" USING GIN ("tags");
CREATE INDEX "models_updatedAt_idx" ON "models"("updatedAt");
CREATE INDEX "models_searchVector_idx" ON "models" USING GIN ("searchVector");
CREATE INDEX "models_catalog_idx" ON "models"("teamId", "catalogStatuses", "task", "framework", "license", "visibility", "tags", "catalogRuntimes", "updatedAt", "displayName", "id");
CREATE UNIQUE INDEX "models_teamId_name_key" ON "models"("teamId", "name");
ALTER TABLE "models" ADD CONSTRAINT "models_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "models" ADD CONSTRAINT "models_businessOwnerId_fkey" FOREIGN KEY ("businessOwnerId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "model_versions" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "prerelease" TEXT NOT NULL DEFAULT '',
    "status" "VersionStatus" NOT NULL DEFAULT 'draft',
    "runtime" "Runtime" NOT NULL,
    "httpProtocol" "HttpProtocol",
    "endpointUrl" TEXT,
    "upstreamModelName" TEXT,
    "secretHeaderName" TEXT,
    "secretHeaderValue" TEXT,
    "timeoutMs" INTEGER NOT NULL DEFAULT 10000,
    "artifactPath" TEXT,
    "artifactSha256" TEXT,
    "artifactSize" BIGINT,
    "inputSchema" JSONB,
    "outputSchema" JSONB,
    "exampleInput" JSONB,
    "costModel" JSONB NOT NULL,
    "changelog" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "submittedById" UUID,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedByKeyId" UUID,
    "approvedById" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "deprecatedAt" TIMESTAMPTZ(3),
    "deprecationMessage" TEXT,
    "sunsetAt" TIMESTAMPTZ(3),
    "retiredAt" TIMESTAMPTZ(3),
    "replacementVersionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "model_versions_modelId_status_idx" ON "model_versions"("modelId", "status");
CREATE INDEX "model_versions_status_submittedAt_idx" ON "model_versions"("status", "submittedAt");
CREATE INDEX "model_versions_sunsetAt_idx" ON "model_versions"("sunsetAt");
CREATE UNIQUE INDEX "model_versions_modelId_version_key" ON "model_versions"("modelId", "version");
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_submittedByKeyId_fkey" FOREIGN KEY ("submittedByKeyId") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_replacementVersionId_fkey" FOREIGN KEY ("replacementVersionId") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "reviews" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "checklist" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "reviews_reviewerId_idx" ON "reviews"("reviewerId");
CREATE UNIQUE INDEX "reviews_versionId_reviewerId_key" ON "reviews"("versionId", "reviewerId");
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "version_comments" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "version_comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "version_comments_versionId_createdAt_idx" ON "version_comments"("versionId", "createdAt");
ALTER TABLE "version_comments" ADD CONSTRAINT "version_comments_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "version_comments" ADD CONSTRAINT "version_comments_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL,
    "versionId" UUID,
    "actorId" UUID,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notifications_recipientId_createdAt_idx" ON "notifications"("recipientId", "createdAt");
CREATE INDEX "notifications_recipientId_readAt_idx" ON "notifications"("recipientId", "readAt");
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "search_terms" (
    "term" TEXT NOT NULL,
    CONSTRAINT "search_terms_pkey" PRIMARY KEY ("term")
);
CREATE INDEX "search_terms_term_idx" ON "search_terms" USING GIN ("term" gin_trgm_ops);

-- The search document. A trigger rather than a generated column: array_to_string() is only STABLE, so
-- PostgreSQL refuses it in a generated column. Names are also split on - and _ so "iris-classifier" is found
-- by "classifier".
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

-- The vocabulary for typo correction. Words only ever get added: a stale word merely suggests a correction
-- that then matches nothing.
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

-- A version is immutable once submitted: its number, runtime, artifact and schemas can change only while it
-- is a draft. lib/publishing refuses such edits with 409 first; this keeps every other writer honest too.
CREATE FUNCTION "model_versions_immutable_after_submit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" <> 'draft' AND (
    NEW."version" IS DISTINCT FROM OLD."version" OR
    NEW."runtime" IS DISTINCT FROM OLD."runtime" OR
    NEW."artifactPath" IS DISTINCT FROM OLD."artifactPath" OR
    NEW."artifactSha256" IS DISTINCT FROM OLD."artifactSha256" OR
    NEW."artifactSize" IS DISTINCT FROM OLD."artifactSize" OR
    NEW."inputSchema" IS DISTINCT FROM OLD."inputSchema" OR
    NEW."outputSchema" IS DISTINCT FROM OLD."outputSchema"
  ) THEN
    RAISE EXCEPTION 'model version % is %: its version, runtime, artifact and schemas are immutable', OLD."version", OLD."status"
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "model_versions_immutable_after_submit"
  BEFORE UPDATE ON "model_versions"
  FOR EACH ROW EXECUTE FUNCTION "model_versions_immutable_after_submit"();

-- The version lifecycle, enforced by the database as well as by lib/governance/version-state.ts (keep the two
-- tables identical): draft → pending_review → approved | rejected, approved → deprecated → retired.
-- Inserts are not restricted (imports and demo data create versions in any state); updates that change the
-- status must follow a legal edge, whatever client writes them.
CREATE FUNCTION "model_versions_status_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" IS DISTINCT FROM OLD."status" AND NOT (
       (OLD."status" = 'draft' AND NEW."status" = 'pending_review')
    OR (OLD."status" = 'pending_review' AND NEW."status" IN ('approved', 'rejected'))
    OR (OLD."status" = 'approved' AND NEW."status" = 'deprecated')
    OR (OLD."status" = 'deprecated' AND NEW."status" = 'retired')
  ) THEN
    RAISE EXCEPTION 'illegal version status transition: % -> %', OLD."status", NEW."status"
      USING ERRCODE = 'check_violation', DETAIL = OLD."status"::text;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "model_versions_status_transition"
  BEFORE UPDATE OF "status" ON "model_versions"
  FOR EACH ROW EXECUTE FUNCTION "model_versions_status_guard"();

-- =============================================================================================================
-- Access requests and grants
-- =============================================================================================================

CREATE TABLE "access_requests" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "AccessStatus" NOT NULL DEFAULT 'pending',
    "decidedById" UUID,
    "decisionComment" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "access_requests_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "access_requests_modelId_status_idx" ON "access_requests"("modelId", "status");
CREATE INDEX "access_requests_appId_idx" ON "access_requests"("appId");
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "access_grants" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "appId" UUID NOT NULL,
    "requestId" UUID,
    "grantedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    CONSTRAINT "access_grants_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "access_grants_requestId_key" ON "access_grants"("requestId");
CREATE INDEX "access_grants_appId_idx" ON "access_grants"("appId");
CREATE UNIQUE INDEX "access_grants_modelId_appId_key" ON "access_grants"("modelId", "appId");
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "access_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- =============================================================================================================
-- Usage: the invocation log, the roll-up queue and the roll-ups
-- =============================================================================================================

-- Partitioned by month on "at" so old months can be detached or archived without touching live data
-- (ALTER TABLE "invocations" DETACH PARTITION "invocations_p202601" CONCURRENTLY). No foreign keys: a call is
-- recorded as it happened, whatever is deleted later.
CREATE TABLE "invocations" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "apiKeyId" UUID,
    "userId" UUID,
    "channel" "Channel" NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "errorCode" TEXT,
    "gatewayMs" DOUBLE PRECISION NOT NULL,
    "upstreamMs" DOUBLE PRECISION NOT NULL,
    "bytesIn" INTEGER NOT NULL DEFAULT 0,
    "bytesOut" INTEGER NOT NULL DEFAULT 0,
    "tokensIn" INTEGER,
    "tokensOut" INTEGER,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "valueMicros" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "invocations_pkey" PRIMARY KEY ("id","at")
) PARTITION BY RANGE ("at");
CREATE INDEX "invocations_at_idx" ON "invocations"("at");
CREATE INDEX "invocations_modelId_at_idx" ON "invocations"("modelId", "at");
CREATE INDEX "invocations_versionId_at_idx" ON "invocations"("versionId", "at");
CREATE INDEX "invocations_appId_at_idx" ON "invocations"("appId", "at");

-- The DEFAULT partition catches any row outside the monthly partitions, so an insert can never fail.
CREATE TABLE "invocations_default" PARTITION OF "invocations" DEFAULT;

-- Creates the monthly partitions from `months_back` months before the current (UTC) month to `months_ahead`
-- after it; returns how many it created. Idempotent: lib/usage/ensure-invocation-partitions.ts runs it at
-- start-up and daily.
CREATE FUNCTION "modelport_ensure_invocation_partitions"(months_back integer DEFAULT 4, months_ahead integer DEFAULT 3)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
  m date;
  part text;
  lo timestamptz;
  hi timestamptz;
  created integer := 0;
BEGIN
  FOR k IN -months_back..months_ahead LOOP
    m := (this_month + make_interval(months => k))::date;
    part := 'invocations_p' || to_char(m, 'YYYYMM');
    CONTINUE WHEN to_regclass(format('%I', part)) IS NOT NULL;
    lo := m::timestamp AT TIME ZONE 'UTC';
    hi := (m + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    EXECUTE format('CREATE TABLE %I (LIKE "invocations" INCLUDING DEFAULTS)', part);
    -- Rows the default partition caught for this month move in first, or ATTACH would refuse.
    EXECUTE format('WITH moved AS (DELETE FROM "invocations_default" WHERE "at" >= %L AND "at" < %L RETURNING *) '
                   'INSERT INTO %I SELECT * FROM moved', lo, hi, part);
    EXECUTE format('ALTER TABLE "invocations" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    created := created + 1;
  END LOOP;
  RETURN created;
END;
$$;

SELECT modelport_ensure_invocation_partitions(4, 3);

-- Calls waiting for the fold (lib/usage/rollups), and the entries it could not fold.
CREATE TABLE "usage_pending" (
    "id" BIGSERIAL NOT NULL,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "channel" "Channel" NOT NULL,
    "statusCode" INTEGER NOT NULL,
    "gatewayMs" DOUBLE PRECISION NOT NULL,
    "upstreamMs" DOUBLE PRECISION NOT NULL,
    "bytesIn" INTEGER NOT NULL,
    "bytesOut" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "valueMicros" BIGINT NOT NULL,
    CONSTRAINT "usage_pending_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "usage_dead_letters" (
    "id" BIGSERIAL NOT NULL,
    "failedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "error" TEXT NOT NULL,
    "entry" JSONB NOT NULL,
    CONSTRAINT "usage_dead_letters_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "usage_dead_letters_failedAt_idx" ON "usage_dead_letters"("failedAt");

-- The roll-ups the fold writes: full-key hourly and daily rows, and narrow ones per dimension and key.
-- A console call has no app: the unique keys treat NULL "appId" as one value (NULLS NOT DISTINCT).
CREATE TABLE "usage_hourly" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "channel" "Channel" NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "bytesIn" BIGINT NOT NULL DEFAULT 0,
    "bytesOut" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "valueMicros" BIGINT NOT NULL DEFAULT 0,
    "gatewayMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "upstreamMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "gatewayHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "upstreamHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "id" BIGSERIAL NOT NULL,
    CONSTRAINT "usage_hourly_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "usage_hourly_modelId_bucket_idx" ON "usage_hourly"("modelId", "bucket");
CREATE INDEX "usage_hourly_appId_bucket_idx" ON "usage_hourly"("appId", "bucket");
CREATE INDEX "usage_hourly_bucket_idx" ON "usage_hourly"("bucket");
CREATE UNIQUE INDEX "usage_hourly_bucket_versionId_appId_channel_key" ON "usage_hourly"("bucket", "versionId", "appId", "channel") NULLS NOT DISTINCT;
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_hourly" ADD CONSTRAINT "usage_hourly_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "usage_daily" (
    "day" TIMESTAMPTZ(3) NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "appId" UUID,
    "channel" "Channel" NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "bytesIn" BIGINT NOT NULL DEFAULT 0,
    "bytesOut" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "valueMicros" BIGINT NOT NULL DEFAULT 0,
    "gatewayMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "upstreamMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "gatewayHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "upstreamHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "id" BIGSERIAL NOT NULL,
    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "usage_daily_modelId_day_idx" ON "usage_daily"("modelId", "day");
CREATE INDEX "usage_daily_appId_day_idx" ON "usage_daily"("appId", "day");
CREATE INDEX "usage_daily_day_idx" ON "usage_daily"("day");
CREATE UNIQUE INDEX "usage_daily_day_versionId_appId_channel_key" ON "usage_daily"("day", "versionId", "appId", "channel") NULLS NOT DISTINCT;
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "usage_hourly_by" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "valueMicros" BIGINT NOT NULL DEFAULT 0,
    "gatewayMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "upstreamMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "gatewayHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "upstreamHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    CONSTRAINT "usage_hourly_by_pkey" PRIMARY KEY ("dim","key","bucket")
);
CREATE INDEX "usage_hourly_by_dim_bucket_idx" ON "usage_hourly_by"("dim", "bucket");

CREATE TABLE "usage_daily_by" (
    "day" TIMESTAMPTZ(3) NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,
    "errors" BIGINT NOT NULL DEFAULT 0,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "valueMicros" BIGINT NOT NULL DEFAULT 0,
    "gatewayMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "upstreamMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latencyHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "gatewayHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "upstreamHist" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    CONSTRAINT "usage_daily_by_pkey" PRIMARY KEY ("dim","key","day")
);
CREATE INDEX "usage_daily_by_dim_day_idx" ON "usage_daily_by"("dim", "day");

-- A plain CLUSTER (maintenance) rewrites the narrow roll-ups in (dimension, time) order: a range's rows share pages.
ALTER TABLE "usage_hourly_by" CLUSTER ON "usage_hourly_by_dim_bucket_idx";
ALTER TABLE "usage_daily_by" CLUSTER ON "usage_daily_by_dim_day_idx";

-- Element-wise sum of two histograms, the shorter padded with zeros: the fold's upsert adds a pass's
-- histograms to the stored ones with it.
CREATE FUNCTION "modelport_hist_add"(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY n), '{}')
    FROM unnest(coalesce(a, '{}'), coalesce(b, '{}')) WITH ORDINALITY AS t(x, y, n)
$$;

-- 30-day calls per model for the catalog's "most used" sort, refreshed by lib/catalog/model-usage-30d.ts when
-- older than a few minutes.
CREATE MATERIALIZED VIEW "model_usage_30d" AS
  SELECT "modelId", sum("calls")::bigint AS "calls", now() AS "refreshedAt"
    FROM "usage_hourly"
   WHERE "bucket" >= now() - interval '30 days'
   GROUP BY "modelId";
CREATE UNIQUE INDEX "model_usage_30d_modelId_key" ON "model_usage_30d" ("modelId");

-- The portal runs as a role that owns no tables (lib/db/roles.ts), and only a materialised view's owner may
-- refresh it (PostgreSQL 15 and 16 have no MAINTAIN privilege). This function refreshes "model_usage_30d" with
-- its owner's rights and nothing else; the portal's role is granted EXECUTE, PUBLIC is not.
CREATE FUNCTION modelport_refresh_model_usage_30d() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ REFRESH MATERIALIZED VIEW CONCURRENTLY public."model_usage_30d" $$;
REVOKE ALL ON FUNCTION modelport_refresh_model_usage_30d() FROM PUBLIC;

-- =============================================================================================================
-- Audit, webhooks and operations
-- =============================================================================================================

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "requestId" TEXT,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");
CREATE INDEX "audit_events_actorId_at_idx" ON "audit_events"("actorId", "at");
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");
CREATE INDEX "audit_events_targetType_targetId_idx" ON "audit_events"("targetType", "targetId");
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail is append-only, enforced by the database itself.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();

CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "webhookId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_deliveries_status_nextAttemptAt_idx" ON "webhook_deliveries"("status", "nextAttemptAt");
CREATE INDEX "webhook_deliveries_webhookId_createdAt_idx" ON "webhook_deliveries"("webhookId", "createdAt");
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "egress_rules" (
    "id" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "egress_rules_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "egress_rules_pattern_key" ON "egress_rules"("pattern");
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "hardware_rates" (
    "id" UUID NOT NULL,
    "hardwareClass" TEXT NOT NULL,
    "hourlyRateMicros" BIGINT NOT NULL,
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "hardware_rates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "hardware_rates_hardwareClass_effectiveFrom_key" ON "hardware_rates"("hardwareClass", "effectiveFrom");
ALTER TABLE "hardware_rates" ADD CONSTRAINT "hardware_rates_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "system_state" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "system_state_pkey" PRIMARY KEY ("key")
);

-- =============================================================================================================
-- Gateway cache invalidation
-- =============================================================================================================

-- The gateway caches API keys (with their creator's role, status and teams), models, versions and access
-- grants per process (lib/gateway/hot-cache.ts). Every change to a table that cache depends on notifies every
-- portal process on commit (NOTIFY is transactional: nothing is sent for a rolled-back change), and each
-- process evicts what the table can have made stale. Statement-level: one notification per statement and table.
CREATE FUNCTION modelport_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('modelport_cache', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON apps
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON models
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON model_versions
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teams
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_members
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON access_grants
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON egress_rules
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hardware_rates
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
-- api_keys: not on the recorder's once-a-minute "lastUsedAt" refresh (UPDATE OF fires only when one of the
-- listed columns is in the statement's SET list), which would otherwise flush the key cache all the time.
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify_update AFTER UPDATE OF "appId", prefix, hash, scopes, "modelAllowlist", "expiresAt", "revokedAt", "createdById" ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
-- users: only the columns the key lookup reads, so sign-ins ("lastLoginAt") do not flush it.
CREATE TRIGGER modelport_cache_notify AFTER INSERT OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
CREATE TRIGGER modelport_cache_notify_update AFTER UPDATE OF role, disabled, email ON users
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
