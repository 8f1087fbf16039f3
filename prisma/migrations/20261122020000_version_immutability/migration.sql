-- No schema change (schema.prisma is unchanged); hand-written below this line.

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
