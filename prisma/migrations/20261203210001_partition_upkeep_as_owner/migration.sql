-- The monthly partitions of "invocations" are kept by the portal's partition-upkeep job
-- (lib/jobs/background-jobs.ts), and the portal runs as a role that owns no table and may not run DDL
-- (lib/db/roles.ts). This function creates them with its owner's rights and nothing else; the portal's role is
-- granted EXECUTE, PUBLIC is not.
ALTER FUNCTION "modelport_ensure_invocation_partitions"(integer, integer) SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE ALL ON FUNCTION "modelport_ensure_invocation_partitions"(integer, integer) FROM PUBLIC;
