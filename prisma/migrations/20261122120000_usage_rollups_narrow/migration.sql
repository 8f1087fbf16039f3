-- CreateTable
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

-- CreateTable
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
    "cumLatency" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "cumGateway" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "cumUpstream" BIGINT[] DEFAULT ARRAY[]::BIGINT[],

    CONSTRAINT "usage_daily_by_pkey" PRIMARY KEY ("dim","key","day")
);

-- CreateIndex
CREATE INDEX "usage_daily_by_day_idx" ON "usage_daily_by"("day");


-- Hand-written below this line (Prisma cannot express it).

ALTER TABLE "usage_hourly_by" ADD COLUMN "histSparse" BIGINT[]
  GENERATED ALWAYS AS (modelport_hist_sparse("latencyHist", "gatewayHist", "upstreamHist")) STORED;

-- usage_hourly → usage_hourly_by: each statement on usage_hourly adds its net change (new rows minus old rows)
-- under four keys: model, app, channel, and line = model|app (a chargeback statement line). `source` yields usage_hourly rows plus a sign `s`.
CREATE FUNCTION "modelport_usage_hourly_by_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
  WITH d AS (%s), x AS (
    SELECT d.*, k.dim, k.key FROM d CROSS JOIN LATERAL (VALUES ('model'::text, d."modelId"::text),
      ('app'::text, coalesce(d."appId"::text, '')), ('channel'::text, d."channel"::text),
      ('line'::text, d."modelId"::text || '|' || coalesce(d."appId"::text, ''))) AS k(dim, key)
  ), k AS (
    SELECT x."bucket", x.dim, x.key, sum(x.s * x."calls") AS calls, sum(x.s * x."errors") AS errors, sum(x.s * x."costMicros") AS cost,
           sum(x.s * x."valueMicros") AS value, sum(x.s * x."gatewayMsSum") AS gw, sum(x.s * x."upstreamMsSum") AS up
      FROM x GROUP BY 1, 2, 3
  ), h AS (
    SELECT x."bucket", x.dim, x.key, u.i, sum(x.s * coalesce(u.l, 0)) AS l, sum(x.s * coalesce(u.g, 0)) AS g, sum(x.s * coalesce(u.p, 0)) AS p
      FROM x, unnest(x."latencyHist", x."gatewayHist", x."upstreamHist") WITH ORDINALITY AS u(l, g, p, i)
     GROUP BY 1, 2, 3, 4
  ), ha AS (
    SELECT "bucket", dim, key, array_agg(l::bigint ORDER BY i) AS lh, array_agg(g::bigint ORDER BY i) AS gh, array_agg(p::bigint ORDER BY i) AS ph
      FROM h GROUP BY 1, 2, 3
  )
  INSERT INTO "usage_hourly_by" AS t ("bucket", dim, key, calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum",
                                      "latencyHist", "gatewayHist", "upstreamHist")
  SELECT k."bucket", k.dim, k.key, k.calls, k.errors, k.cost, k.value, k.gw, k.up, coalesce(ha.lh, '{}'), coalesce(ha.gh, '{}'), coalesce(ha.ph, '{}')
    FROM k LEFT JOIN ha ON ha."bucket" = k."bucket" AND ha.dim = k.dim AND ha.key = k.key
  ON CONFLICT (dim, key, "bucket") DO UPDATE SET
    calls = t.calls + EXCLUDED.calls, errors = t.errors + EXCLUDED.errors, "costMicros" = t."costMicros" + EXCLUDED."costMicros",
    "valueMicros" = t."valueMicros" + EXCLUDED."valueMicros", "gatewayMsSum" = t."gatewayMsSum" + EXCLUDED."gatewayMsSum",
    "upstreamMsSum" = t."upstreamMsSum" + EXCLUDED."upstreamMsSum",
    "latencyHist" = modelport_hist_add(t."latencyHist", EXCLUDED."latencyHist"),
    "gatewayHist" = modelport_hist_add(t."gatewayHist", EXCLUDED."gatewayHist"),
    "upstreamHist" = modelport_hist_add(t."upstreamHist", EXCLUDED."upstreamHist")
  $q$, source)
$f$;

CREATE FUNCTION "modelport_usage_hourly_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE modelport_usage_hourly_by_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "usage_hourly_by_insert" AFTER INSERT ON "usage_hourly"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_hourly_by_apply"();
CREATE TRIGGER "usage_hourly_by_update" AFTER UPDATE ON "usage_hourly"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_hourly_by_apply"();
CREATE TRIGGER "usage_hourly_by_delete" AFTER DELETE ON "usage_hourly"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_hourly_by_apply"();

-- usage_hourly_by → usage_daily_by, day by day in ascending order: a key's row for day D is created with the
-- cumulative histograms of its latest earlier row, then D's change is added to D's daily figures and to the
-- cumulative histograms of every row from D on (normally just D: traffic arrives in time order).
-- `source` yields usage_hourly_by rows (dense histograms) plus a sign `s`.
-- Step 1 (run by the trigger function itself: transition tables are not visible inside nested functions):
-- a session temp table receives the change per (day, dim, key).
CREATE FUNCTION "modelport_usage_daily_by_collect_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO modelport_daily_by_delta
    WITH d AS (%s), k AS (
      SELECT date_trunc('day', d."bucket", 'UTC') AS day, d.dim, d.key, sum(d.s * d.calls) AS calls, sum(d.s * d.errors) AS errors,
             sum(d.s * d."costMicros") AS cost, sum(d.s * d."valueMicros") AS value, sum(d.s * d."gatewayMsSum") AS gw, sum(d.s * d."upstreamMsSum") AS up
        FROM d GROUP BY 1, 2, 3
    ), h AS (
      SELECT date_trunc('day', d."bucket", 'UTC') AS day, d.dim, d.key, u.i, sum(d.s * coalesce(u.l, 0)) AS l, sum(d.s * coalesce(u.g, 0)) AS g,
             sum(d.s * coalesce(u.p, 0)) AS p
        FROM d, unnest(d."latencyHist", d."gatewayHist", d."upstreamHist") WITH ORDINALITY AS u(l, g, p, i)
       GROUP BY 1, 2, 3, 4
    ), ha AS (
      SELECT day, dim, key, array_agg(l::bigint ORDER BY i) AS lh, array_agg(g::bigint ORDER BY i) AS gh, array_agg(p::bigint ORDER BY i) AS ph
        FROM h GROUP BY 1, 2, 3
    )
    SELECT k.day, k.dim, k.key, k.calls, k.errors, k.cost, k.value, k.gw, k.up, coalesce(ha.lh, '{}'), coalesce(ha.gh, '{}'), coalesce(ha.ph, '{}')
      FROM k LEFT JOIN ha ON ha.day = k.day AND ha.dim = k.dim AND ha.key = k.key
  $q$, source)
$f$;

CREATE FUNCTION "modelport_usage_daily_by_prepare"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  SET LOCAL client_min_messages = warning; -- "relation already exists, skipping"
  CREATE TEMP TABLE IF NOT EXISTS modelport_daily_by_delta (day timestamptz, dim text, key text, calls bigint, errors bigint,
    cost bigint, value bigint, gw float8, up float8, lh bigint[], gh bigint[], ph bigint[]) ON COMMIT DELETE ROWS;
  DELETE FROM modelport_daily_by_delta;
END;
$$;

-- Step 2: applies the collected change day by day.
CREATE FUNCTION "modelport_usage_daily_by_fold"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dd timestamptz;
BEGIN
  FOR dd IN SELECT DISTINCT day FROM modelport_daily_by_delta ORDER BY 1 LOOP
    INSERT INTO "usage_daily_by" (day, dim, key, "cumLatency", "cumGateway", "cumUpstream")
    SELECT k.day, k.dim, k.key, coalesce(p."cumLatency", '{}'), coalesce(p."cumGateway", '{}'), coalesce(p."cumUpstream", '{}')
      FROM modelport_daily_by_delta k
      LEFT JOIN LATERAL (SELECT b."cumLatency", b."cumGateway", b."cumUpstream" FROM "usage_daily_by" b
                          WHERE b.dim = k.dim AND b.key = k.key AND b.day < k.day ORDER BY b.day DESC LIMIT 1) p ON true
     WHERE k.day = dd
    ON CONFLICT (dim, key, day) DO NOTHING;
    UPDATE "usage_daily_by" t SET
      calls = t.calls + CASE WHEN t.day = dd THEN k.calls ELSE 0 END,
      errors = t.errors + CASE WHEN t.day = dd THEN k.errors ELSE 0 END,
      "costMicros" = t."costMicros" + CASE WHEN t.day = dd THEN k.cost ELSE 0 END,
      "valueMicros" = t."valueMicros" + CASE WHEN t.day = dd THEN k.value ELSE 0 END,
      "gatewayMsSum" = t."gatewayMsSum" + CASE WHEN t.day = dd THEN k.gw ELSE 0 END,
      "upstreamMsSum" = t."upstreamMsSum" + CASE WHEN t.day = dd THEN k.up ELSE 0 END,
      "latencyHist" = CASE WHEN t.day = dd THEN modelport_hist_add(t."latencyHist", k.lh) ELSE t."latencyHist" END,
      "gatewayHist" = CASE WHEN t.day = dd THEN modelport_hist_add(t."gatewayHist", k.gh) ELSE t."gatewayHist" END,
      "upstreamHist" = CASE WHEN t.day = dd THEN modelport_hist_add(t."upstreamHist", k.ph) ELSE t."upstreamHist" END,
      "cumLatency" = modelport_hist_add(t."cumLatency", k.lh),
      "cumGateway" = modelport_hist_add(t."cumGateway", k.gh),
      "cumUpstream" = modelport_hist_add(t."cumUpstream", k.ph)
      FROM modelport_daily_by_delta k
     WHERE k.day = dd AND t.dim = k.dim AND t.key = k.key AND t.day >= dd;
  END LOOP;
  DELETE FROM modelport_daily_by_delta;
END;
$$;

CREATE FUNCTION "modelport_usage_daily_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM modelport_usage_daily_by_prepare();
  EXECUTE modelport_usage_daily_by_collect_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  PERFORM modelport_usage_daily_by_fold();
  RETURN NULL;
END;
$$;

CREATE TRIGGER "usage_daily_by_insert" AFTER INSERT ON "usage_hourly_by"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_by_apply"();
CREATE TRIGGER "usage_daily_by_update" AFTER UPDATE ON "usage_hourly_by"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_by_apply"();
CREATE TRIGGER "usage_daily_by_delete" AFTER DELETE ON "usage_hourly_by"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "modelport_usage_daily_by_apply"();

-- Recomputes usage_daily_by from usage_hourly_by (e.g. after a bulk load of usage_hourly_by with triggers off).
CREATE FUNCTION "modelport_rebuild_usage_daily_by"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "usage_daily_by";
  PERFORM modelport_usage_daily_by_prepare();
  EXECUTE modelport_usage_daily_by_collect_sql('SELECT r.*, 1 AS s FROM "usage_hourly_by" r');
  PERFORM modelport_usage_daily_by_fold();
END;
$$;

-- Recomputes both narrow roll-ups from usage_hourly (the daily one through the trigger above).
CREATE FUNCTION "modelport_rebuild_usage_narrow"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "usage_hourly_by";
  DELETE FROM "usage_daily_by";
  EXECUTE modelport_usage_hourly_by_sql('SELECT r.*, 1 AS s FROM "usage_hourly" r');
END;
$$;

-- Existing roll-ups are carried over. A deployment that rebuilds them another way (the dashboards benchmark
-- builds them from its generated rows in SQL) sets modelport.skip_rollup_rebuild = on for the database.
DO $$
BEGIN
  IF coalesce(current_setting('modelport.skip_rollup_rebuild', true), '') <> 'on' THEN
    PERFORM modelport_rebuild_usage_narrow();
  END IF;
END $$;
