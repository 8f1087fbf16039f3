-- AlterTable
ALTER TABLE "usage_daily_by" ADD COLUMN     "cumCalls" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cumCostMicros" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cumErrors" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "cumGatewayMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "cumUpstreamMsSum" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "cumValueMicros" BIGINT NOT NULL DEFAULT 0;


-- Hand-written below (backfill, trigger-path fold).
-- usage_daily_by carried cumulative histograms only, so a key's calls, errors, cost and value over a range were
-- summed from one row per day (44,500 rows for 500 models over 90 days; 60 ms of a 150 ms budget at 10 M calls).
-- With running sums too, whole days cost two rows per key, like the histograms. The roll-up worker keeps them
-- in Node (lib/usage/recorder/fold-rollups.ts); the SQL fold below keeps them for the triggers and rebuilds.

UPDATE "usage_daily_by" t SET
  "cumCalls" = w.calls, "cumErrors" = w.errors, "cumCostMicros" = w.cost, "cumValueMicros" = w.value,
  "cumGatewayMsSum" = w.gw, "cumUpstreamMsSum" = w.up
  FROM (SELECT dim, key, day, sum(calls) OVER k AS calls, sum(errors) OVER k AS errors, sum("costMicros") OVER k AS cost,
               sum("valueMicros") OVER k AS value, sum("gatewayMsSum") OVER k AS gw, sum("upstreamMsSum") OVER k AS up
          FROM "usage_daily_by" WINDOW k AS (PARTITION BY dim, key ORDER BY day)) w
 WHERE t.dim = w.dim AND t.key = w.key AND t.day = w.day;

CREATE OR REPLACE FUNCTION "modelport_usage_daily_by_fold"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  dd timestamptz;
BEGIN
  FOR dd IN SELECT DISTINCT day FROM modelport_daily_by_delta ORDER BY 1 LOOP
    INSERT INTO "usage_daily_by" (day, dim, key, "cumLatency", "cumGateway", "cumUpstream",
                                  "cumCalls", "cumErrors", "cumCostMicros", "cumValueMicros", "cumGatewayMsSum", "cumUpstreamMsSum")
    SELECT k.day, k.dim, k.key, coalesce(p."cumLatency", '{}'), coalesce(p."cumGateway", '{}'), coalesce(p."cumUpstream", '{}'),
           coalesce(p."cumCalls", 0), coalesce(p."cumErrors", 0), coalesce(p."cumCostMicros", 0), coalesce(p."cumValueMicros", 0),
           coalesce(p."cumGatewayMsSum", 0), coalesce(p."cumUpstreamMsSum", 0)
      FROM modelport_daily_by_delta k
      LEFT JOIN LATERAL (SELECT b."cumLatency", b."cumGateway", b."cumUpstream", b."cumCalls", b."cumErrors", b."cumCostMicros",
                                b."cumValueMicros", b."cumGatewayMsSum", b."cumUpstreamMsSum" FROM "usage_daily_by" b
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
      "cumUpstream" = modelport_hist_add(t."cumUpstream", k.ph),
      "cumCalls" = t."cumCalls" + k.calls,
      "cumErrors" = t."cumErrors" + k.errors,
      "cumCostMicros" = t."cumCostMicros" + k.cost,
      "cumValueMicros" = t."cumValueMicros" + k.value,
      "cumGatewayMsSum" = t."cumGatewayMsSum" + k.gw,
      "cumUpstreamMsSum" = t."cumUpstreamMsSum" + k.up
      FROM modelport_daily_by_delta k
     WHERE k.day = dd AND t.dim = k.dim AND t.key = k.key AND t.day >= dd;
  END LOOP;
  DELETE FROM modelport_daily_by_delta;
END;
$$;
