import "server-only";
import { profileRows } from "@/lib/model-health/profile";
import { saveReference } from "@/lib/model-health/reference-store";
import { inputFeatureNames, toRows } from "@/lib/model-health/rows";
import { referenceFromCapturesCount } from "@/lib/model-health/settings";
import { db } from "@/lib/server/db";

/**
 * Versions without a reference get one from their first N captured calls (MODELPORT_REFERENCE_FROM_CAPTURES)
 * once they have that many. Returns the ids of the versions given one.
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
  return built;
}
