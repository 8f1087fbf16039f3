import { sql } from "kysely";
import { bucketsOf, type FeatureProfile } from "@/lib/model-health/profile";
import { toRows } from "@/lib/model-health/rows";
import { kdb, type Kdb } from "@/lib/server/db";

// The drift fold: captured rows not yet counted are folded, per version, hour, feature and bucket, into
// health_bins against the version's reference — bins for numeric features, categories for the others, and
// the data-quality checks (missing, type_mismatch, out_of_range, new_category). Any window's drift is then a
// sum of bins. Captures of versions without a reference wait (uncounted) until it exists.

const BATCH = 2_000;

type Capture = { id: string; versionId: string; at: Date; input: unknown; output: unknown };
type Version = { features: FeatureProfile[]; inputSchema: unknown; outputSchema: unknown };

/** Folds up to `maxRows` pending captures (all of them by default); returns how many it folded. */
export async function foldCaptures(options: { maxRows?: number; stopping?: () => boolean; kysely?: Kdb } = {}): Promise<number> {
  const maxRows = options.maxRows ?? Number.MAX_SAFE_INTEGER;
  let folded = 0;
  while (folded < maxRows && !options.stopping?.()) {
    const n = await foldBatch(options.kysely ?? kdb(), Math.min(BATCH, maxRows - folded));
    folded += n;
    if (n === 0) break;
  }
  return folded;
}

async function foldBatch(kysely: Kdb, limit: number): Promise<number> {
  return kysely.transaction().execute(async (trx) => {
    const captures = (await trx
      .selectFrom("payload_captures as c")
      .innerJoin("reference_profiles as r", "r.versionId", "c.versionId")
      .select(["c.id", "c.versionId", "c.at", "c.input", "c.output"])
      .where("c.foldedAt", "is", null)
      .orderBy("c.id")
      .limit(limit)
      .forUpdate("c")
      .skipLocked()
      .execute()) as unknown as Capture[];
    if (captures.length === 0) return 0;
    const versionIds = [...new Set(captures.map((c) => c.versionId))];
    const versions = new Map<string, Version>(
      (
        await trx
          .selectFrom("reference_profiles as r")
          .innerJoin("model_versions as v", "v.id", "r.versionId")
          .select(["r.versionId", "r.features", "v.inputSchema", "v.outputSchema"])
          .where("r.versionId", "in", versionIds)
          .execute()
      ).map((r) => [
        r.versionId,
        { features: r.features as unknown as FeatureProfile[], inputSchema: r.inputSchema, outputSchema: r.outputSchema },
      ]),
    );
    const counts = new Map<string, number>();
    for (const c of captures) {
      const v = versions.get(c.versionId);
      if (v) countCapture(c, v, counts);
    }
    const values = [...counts].map(([key, count]) => {
      const [versionId, hour, feature, bucket] = JSON.parse(key) as [string, string, string, string];
      return { versionId, hour: new Date(hour), feature, bucket, count };
    });
    for (let i = 0; i < values.length; i += 1_000)
      await trx
        .insertInto("health_bins")
        .values(values.slice(i, i + 1_000))
        .onConflict((oc) =>
          oc.columns(["versionId", "hour", "feature", "bucket"]).doUpdateSet({ count: sql`health_bins.count + excluded.count` }),
        )
        .execute();
    await trx
      .updateTable("payload_captures")
      .set({ foldedAt: new Date() })
      .where(
        "id",
        "in",
        captures.map((c) => c.id),
      )
      .execute();
    return captures.length;
  });
}

function countCapture(c: Capture, v: Version, counts: Map<string, number>) {
  const hour = new Date(Math.floor(new Date(c.at).getTime() / 3_600_000) * 3_600_000).toISOString();
  const sides = { input: toRows(v.inputSchema, c.input, "input"), output: toRows(v.outputSchema, c.output, "output") };
  for (const feature of v.features)
    for (const row of sides[feature.role])
      for (const bucket of bucketsOf(feature, row[feature.name])) {
        const key = JSON.stringify([c.versionId, hour, feature.key, bucket]);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
}
