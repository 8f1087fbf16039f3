-- CreateTable
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

-- CreateIndex
CREATE INDEX "usage_daily_modelId_day_idx" ON "usage_daily"("modelId", "day");

-- CreateIndex
CREATE INDEX "usage_daily_appId_day_idx" ON "usage_daily"("appId", "day");

-- CreateIndex
CREATE INDEX "usage_daily_day_idx" ON "usage_daily"("day");

-- CreateIndex
CREATE UNIQUE INDEX "usage_daily_day_versionId_appId_channel_key" ON "usage_daily"("day", "versionId", "appId", "channel") NULLS NOT DISTINCT;

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Hand-written below this line (Prisma cannot express it).

-- The latency bucket in float arithmetic, like lib/usage/latency-buckets.ts computes it (Math.log2), for
-- queries that bucket many raw rows: modelport_latency_bucket() uses numeric logarithms, exact but ~50x slower.
-- Inlinable (plain SQL, IMMUTABLE). lib/usage/latency-bucket-fast.test.ts checks it against the TypeScript.
CREATE FUNCTION "modelport_latency_bucket_fast"(ms double precision) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms IS NULL OR ms <= 0.1 THEN 0
              ELSE LEAST(81, GREATEST(0, ceil(4 * (ln(ms / 0.1) / ln(2::double precision)) - 1e-9)::integer)) END
$$;

-- Element-wise sum of two latency histograms (missing elements count as zero).
CREATE FUNCTION "modelport_hist_add"(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY n), '{}')
    FROM unnest(coalesce(a, '{}'), coalesce(b, '{}')) WITH ORDINALITY AS t(x, y, n)
$$;

-- The non-zero buckets of the three histograms (kind 0 total, 1 gateway, 2 model), packed one bigint each as
-- kind << 48 | bucket << 40 | count: a daily row holds a few non-zero buckets, so dashboards merge those
-- instead of unnesting 3 × 82 values per row.
CREATE FUNCTION "modelport_hist_sparse"(l bigint[], g bigint[], u bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(v), '{}') FROM (
    SELECT (0::bigint << 48) | ((n - 1) << 40) | x FROM unnest(l) WITH ORDINALITY AS t(x, n) WHERE x > 0
    UNION ALL SELECT (1::bigint << 48) | ((n - 1) << 40) | x FROM unnest(g) WITH ORDINALITY AS t(x, n) WHERE x > 0
    UNION ALL SELECT (2::bigint << 48) | ((n - 1) << 40) | x FROM unnest(u) WITH ORDINALITY AS t(x, n) WHERE x > 0) AS s(v)
$$;

ALTER TABLE "usage_daily" ADD COLUMN "histSparse" BIGINT[]
  GENERATED ALWAYS AS (modelport_hist_sparse("latencyHist", "gatewayHist", "upstreamHist")) STORED;

-- Dashboards scan usage_daily for sums and the packed buckets only; the three dense arrays (~2 kB a row) are
-- read by the roll-up trigger alone. Keep them out of line so a scanned row is ~300 bytes instead of ~1.7 kB;
-- the packed column stays inline (MAIN is only moved out for rows over ~8 kB).
ALTER TABLE "usage_daily" ALTER COLUMN "latencyHist" SET STORAGE EXTERNAL, ALTER COLUMN "gatewayHist" SET STORAGE EXTERNAL,
  ALTER COLUMN "upstreamHist" SET STORAGE EXTERNAL, ALTER COLUMN "histSparse" SET STORAGE MAIN;
ALTER TABLE "usage_daily" SET (toast_tuple_target = 128);

-- The roll-up of a set of usage_hourly rows `d` (with a sign column `s`: +1 added, -1 removed) per UTC day,
-- upserted into usage_daily. Shared by the triggers below and by the rebuild function.
CREATE FUNCTION "modelport_usage_daily_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  WITH d AS (%s), k AS (
    SELECT date_trunc('day', d."bucket", 'UTC') AS day, d."modelId", d."versionId", d."appId", d."channel",
           sum(d.s * d."calls") AS calls, sum(d.s * d."errors") AS errors, sum(d.s * d."bytesIn") AS bytes_in,
           sum(d.s * d."bytesOut") AS bytes_out, sum(d.s * d."costMicros") AS cost, sum(d.s * d."valueMicros") AS value,
           sum(d.s * d."gatewayMsSum") AS gw, sum(d.s * d."upstreamMsSum") AS up
      FROM d GROUP BY 1, 2, 3, 4, 5
  ), h AS (
    SELECT date_trunc('day', d."bucket", 'UTC') AS day, d."versionId", d."appId", d."channel", u.i,
           sum(d.s * coalesce(u.l, 0)) AS l, sum(d.s * coalesce(u.g, 0)) AS g, sum(d.s * coalesce(u.p, 0)) AS p
      FROM d, unnest(d."latencyHist", d."gatewayHist", d."upstreamHist") WITH ORDINALITY AS u(l, g, p, i)
     GROUP BY 1, 2, 3, 4, 5
  ), ha AS (
    SELECT day, "versionId", "appId", "channel", array_agg(l::bigint ORDER BY i) AS lh,
           array_agg(g::bigint ORDER BY i) AS gh, array_agg(p::bigint ORDER BY i) AS ph
      FROM h GROUP BY 1, 2, 3, 4
  )
  INSERT INTO "usage_daily" AS t ("day", "modelId", "versionId", "appId", "channel", "calls", "errors", "bytesIn",
                                  "bytesOut", "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum",
                                  "latencyHist", "gatewayHist", "upstreamHist")
  SELECT k.day, k."modelId", k."versionId", k."appId", k."channel", k.calls, k.errors, k.bytes_in, k.bytes_out,
         k.cost, k.value, k.gw, k.up, coalesce(ha.lh, '{}'), coalesce(ha.gh, '{}'), coalesce(ha.ph, '{}')
    FROM k LEFT JOIN ha ON ha.day = k.day AND ha."versionId" = k."versionId"
                       AND ha."appId" IS NOT DISTINCT FROM k."appId" AND ha."channel" = k."channel"
  ON CONFLICT ("day", "versionId", "appId", "channel") DO UPDATE SET
    "calls" = t."calls" + EXCLUDED."calls", "errors" = t."errors" + EXCLUDED."errors",
    "bytesIn" = t."bytesIn" + EXCLUDED."bytesIn", "bytesOut" = t."bytesOut" + EXCLUDED."bytesOut",
    "costMicros" = t."costMicros" + EXCLUDED."costMicros", "valueMicros" = t."valueMicros" + EXCLUDED."valueMicros",
    "gatewayMsSum" = t."gatewayMsSum" + EXCLUDED."gatewayMsSum", "upstreamMsSum" = t."upstreamMsSum" + EXCLUDED."upstreamMsSum",
    "latencyHist" = modelport_hist_add(t."latencyHist", EXCLUDED."latencyHist"),
    "gatewayHist" = modelport_hist_add(t."gatewayHist", EXCLUDED."gatewayHist"),
    "upstreamHist" = modelport_hist_add(t."upstreamHist", EXCLUDED."upstreamHist")
  $q$, source)
$f$;

-- Keeps usage_daily equal to the sum of usage_hourly per UTC day: each statement on usage_hourly adds its net
-- change (new rows minus old rows) to the day rows. Set-based, so one recorder batch = one upsert here.
CREATE FUNCTION "modelport_usage_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE modelport_usage_daily_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "usage_hourly_daily_insert" AFTER INSERT ON "usage_hourly"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_apply"();
CREATE TRIGGER "usage_hourly_daily_update" AFTER UPDATE ON "usage_hourly"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_apply"();
CREATE TRIGGER "usage_hourly_daily_delete" AFTER DELETE ON "usage_hourly"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_apply"();

-- Recomputes usage_daily from usage_hourly (after bulk loads done with the triggers disabled, or to repair).
CREATE FUNCTION "modelport_rebuild_usage_daily"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "usage_daily";
  EXECUTE modelport_usage_daily_sql('SELECT r.*, 1 AS s FROM "usage_hourly" r');
END;
$$;

SELECT modelport_rebuild_usage_daily();

-- invocations becomes partitioned by month on "at" (same columns, primary key, indexes and foreign keys), so
-- old months can be detached/archived without touching live data:
--   ALTER TABLE "invocations" DETACH PARTITION "invocations_p202601" CONCURRENTLY;
-- A DEFAULT partition catches any row outside the monthly partitions, so an insert can never fail;
-- modelport_ensure_invocation_partitions() (run at start-up) creates the coming months and moves any rows
-- the default partition already holds for them.
ALTER TABLE "invocations" RENAME TO "invocations_unpartitioned";
ALTER TABLE "invocations_unpartitioned" RENAME CONSTRAINT "invocations_pkey" TO "invocations_unpartitioned_pkey";
ALTER INDEX "invocations_at_idx" RENAME TO "invocations_unpartitioned_at_idx";
ALTER INDEX "invocations_modelId_at_idx" RENAME TO "invocations_unpartitioned_modelId_at_idx";
ALTER INDEX "invocations_versionId_at_idx" RENAME TO "invocations_unpartitioned_versionId_at_idx";
ALTER INDEX "invocations_appId_at_idx" RENAME TO "invocations_unpartitioned_appId_at_idx";

CREATE TABLE "invocations" (
    "id" BIGINT NOT NULL DEFAULT nextval('invocations_id_seq'::regclass),
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
    CONSTRAINT "invocations_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
ALTER SEQUENCE "invocations_id_seq" OWNED BY "invocations"."id";

CREATE INDEX "invocations_at_idx" ON "invocations"("at");
CREATE INDEX "invocations_modelId_at_idx" ON "invocations"("modelId", "at");
CREATE INDEX "invocations_versionId_at_idx" ON "invocations"("versionId", "at");
CREATE INDEX "invocations_appId_at_idx" ON "invocations"("appId", "at");
ALTER TABLE "invocations" ADD CONSTRAINT "invocations_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invocations" ADD CONSTRAINT "invocations_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invocations" ADD CONSTRAINT "invocations_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invocations" ADD CONSTRAINT "invocations_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "invocations" ADD CONSTRAINT "invocations_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "invocations_default" PARTITION OF "invocations" DEFAULT;

-- Creates the monthly partitions from `months_back` months before the current (UTC) month to `months_ahead`
-- after it; returns how many it created. Idempotent; safe to call at every start.
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
INSERT INTO "invocations" SELECT * FROM "invocations_unpartitioned";
DROP TABLE "invocations_unpartitioned";
