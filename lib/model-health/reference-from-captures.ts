import "server-only";
import { profileRows, type FeatureProfile } from "@/lib/model-health/profile";
import { saveReference } from "@/lib/model-health/reference-store";
import { inputFeatureNames, toRows } from "@/lib/model-health/rows";
import { referenceFromCapturesCount } from "@/lib/model-health/settings";
import { db } from "@/lib/server/db";

/**
 * Versions without a reference get one from their first N captured calls (MODELPORT_REFERENCE_FROM_CAPTURES)
 * once they have that many; an uploaded reference without outputs (an HTTP version's dataset without output
 * columns) gets its output side from them. Returns the ids of the versions given or completed.
 */
export async function buildReferencesFromCaptures(options: { count?: number } = {}): Promise<string[]> {
  const n = options.count ?? referenceFromCapturesCount();
  // Per version at most n index entries are counted, so versions with long capture histories cost no more.
  const ready = await db.$queryRaw<{ versionId: string }[]>`
    SELECT v.id::text AS "versionId" FROM model_versions v
    WHERE NOT EXISTS (SELECT 1 FROM reference_profiles r WHERE r."versionId" = v.id)
      AND EXISTS (SELECT 1 FROM payload_captures c WHERE c."versionId" = v.id)
      AND (SELECT count(*) FROM (SELECT 1 FROM payload_captures c WHERE c."versionId" = v.id LIMIT ${n}) AS firsts) >= ${n}
    LIMIT 20`;
  const built: string[] = [];
  for (const { versionId } of ready) {
    const v = await db.modelVersion.findUniqueOrThrow({ where: { id: versionId }, select: { inputSchema: true, outputSchema: true } });
    const first = await db.payloadCapture.findMany({
      where: { versionId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: n,
      select: { input: true, output: true },
    });
    const inputs = first.flatMap((c) => toRows(v.inputSchema, c.input, "input"));
    const outputs = first.flatMap((c) => toRows(v.outputSchema, c.output, "output"));
    const names = inputFeatureNames(v.inputSchema);
    const features = [...profileRows(inputs, "input", names.length ? names : undefined), ...profileRows(outputs, "output")];
    await saveReference({ versionId, source: "captures", fileName: null, rowCount: inputs.length, features, actor: null });
    built.push(versionId);
  }
  const lacking = await db.$queryRaw<{ versionId: string }[]>`
    SELECT r."versionId"::text AS "versionId" FROM reference_profiles r
    WHERE r.source = 'upload'
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.features) f WHERE f->>'role' = 'output')
      AND (SELECT count(*) FROM (SELECT 1 FROM payload_captures c WHERE c."versionId" = r."versionId" LIMIT ${n}) AS firsts) >= ${n}
    LIMIT 20`;
  for (const { versionId } of lacking) {
    const [v, ref, first] = await Promise.all([
      db.modelVersion.findUniqueOrThrow({ where: { id: versionId }, select: { outputSchema: true } }),
      db.referenceProfile.findUniqueOrThrow({ where: { versionId } }),
      db.payloadCapture.findMany({ where: { versionId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: n, select: { output: true } }),
    ]);
    const outputs = profileRows(
      first.flatMap((c) => toRows(v.outputSchema, c.output, "output")),
      "output",
    );
    if (outputs.length === 0) continue;
    const inputs = ref.features as unknown as FeatureProfile[];
    await saveReference({
      versionId,
      source: "upload",
      fileName: ref.fileName,
      rowCount: ref.rowCount,
      features: [...inputs, ...outputs],
      actor: null,
      createdById: ref.createdById,
    });
    built.push(versionId);
  }
  return built;
}
