-- The gateway keeps API keys, models/versions and access grants in a short-lived per-process cache
-- (lib/gateway/hot-cache.ts). Every change to a table that cache depends on notifies every portal process
-- on commit (NOTIFY is transactional: nothing is sent for a rolled-back change), and each process evicts
-- what the table can have made stale. Statement-level triggers: one notification per statement and table
-- (identical payloads in one transaction are folded into one by PostgreSQL), so bulk loads stay cheap.
CREATE OR REPLACE FUNCTION modelport_cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER modelport_cache_notify_update AFTER UPDATE OF "appId", prefix, hash, scopes, "modelAllowlist", "expiresAt", "revokedAt" ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION modelport_cache_notify();
