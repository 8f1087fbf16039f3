-- Hand-written (trigger functions).
-- The roll-up worker (lib/usage/recorder/fold-rollups.ts) now adds each pass's calls to all four roll-ups itself:
-- it reads the touched rows, adds the histograms in Node and writes them back. PostgreSQL has no element-wise
-- array addition, and doing it in SQL (modelport_hist_add, or the triggers' unnest of old and new rows) cost
-- ~50 µs per histogram. The triggers stay for every other writer of usage_hourly / usage_hourly_by (deletes,
-- maintenance); a transaction that maintains the roll-ups itself sets modelport.skip_rollup_triggers = on.

CREATE OR REPLACE FUNCTION "modelport_usage_daily_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.skip_rollup_triggers', true) = 'on' THEN RETURN NULL; END IF;
  EXECUTE modelport_usage_daily_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "modelport_usage_hourly_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.skip_narrow_rollups', true) = 'on' OR current_setting('modelport.skip_rollup_triggers', true) = 'on' THEN
    RETURN NULL;
  END IF;
  EXECUTE modelport_usage_hourly_by_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "modelport_usage_daily_by_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('modelport.skip_narrow_rollups', true) = 'on' OR current_setting('modelport.skip_rollup_triggers', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM modelport_usage_daily_by_prepare();
  EXECUTE modelport_usage_daily_by_collect_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS s FROM new_rows r'
    WHEN 'UPDATE' THEN 'SELECT r.*, 1 AS s FROM new_rows r UNION ALL SELECT r.*, -1 AS s FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS s FROM old_rows r' END);
  PERFORM modelport_usage_daily_by_fold();
  RETURN NULL;
END;
$$;
