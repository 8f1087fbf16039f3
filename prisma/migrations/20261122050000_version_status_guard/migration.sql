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
