-- The portal runs as a role that owns no tables (lib/db/roles.ts), and only a materialised view's owner may
-- refresh it (PostgreSQL 15 and 16 have no MAINTAIN privilege). This function refreshes "model_usage_30d" with
-- its owner's rights and nothing else; the portal's role is granted EXECUTE, PUBLIC is not.
CREATE FUNCTION modelport_refresh_model_usage_30d() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ REFRESH MATERIALIZED VIEW CONCURRENTLY public."model_usage_30d" $$;
REVOKE ALL ON FUNCTION modelport_refresh_model_usage_30d() FROM PUBLIC;
