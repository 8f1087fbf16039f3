// Demo model health: the iris classifier gets its reference from data/datasets/iris.csv and three days of
// captured calls drawn from it; the penguin classifier gets its reference from penguins.csv and captured calls
// whose body mass drifts upwards over the last two days. Both are folded, so the Health pages start full.
import { createReadStream } from "node:fs";
import path from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import type pg from "pg";
import type { Kdb } from "../../lib/server/db";
import { foldCaptures } from "../../lib/model-health/fold-captures";
import { readDataset } from "../../lib/model-health/parse-dataset";
import { isMissing, profileRows } from "../../lib/model-health/profile";
import { inputFeatureNames, toRows, type Row } from "../../lib/model-health/rows";
import { ONNX_SEED_DIR } from "./onnx-models";

type Plan = { slug: string; dataset: string; drift?: { feature: string; sigmas: number } };

const PLANS: Plan[] = [
  { slug: "iris-classifier", dataset: "iris.csv" },
  { slug: "penguin-species-classifier", dataset: "penguins.csv", drift: { feature: "body_mass_g", sigmas: 3 } },
];
const HOURS = 72;
const CALLS_PER_HOUR = 3;
const ROWS_PER_CALL = 40;

/** A deterministic generator, so every seeded database shows the same picture. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** The model's answers for `rows`, shaped as the gateway returns them ({label, probabilities}). */
async function runOnnx(session: InferenceSession, names: string[], rows: Row[]) {
  const data = Float32Array.from(rows.flatMap((r) => names.map((n) => Number(r[n]))));
  const out = await session.run({ [session.inputNames[0]]: new Tensor("float32", data, [rows.length, names.length]) });
  const label = Array.from(out.label.data as ArrayLike<number | bigint>, Number);
  const flat = Array.from(out.probabilities.data as ArrayLike<number>);
  const width = flat.length / rows.length;
  const probabilities = rows.map((_, i) => flat.slice(i * width, (i + 1) * width));
  return rows.map((_, i) => ({ label: [label[i]], probabilities: [probabilities[i]] }));
}

export async function seedModelHealth(pool: pg.Pool, kysely: Kdb, now: Date): Promise<void> {
  for (const plan of PLANS) {
    const { rows: versions } = await pool.query<{ id: string; inputSchema: unknown; outputSchema: unknown }>(
      `SELECT v.id, v."inputSchema", v."outputSchema" FROM model_versions v JOIN models m ON m.id = v."modelId"
       JOIN teams t ON t.id = m."teamId" WHERE t.slug = 'ml-platform' AND m.name = $1 AND v.status = 'approved'
       ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1`,
      [plan.slug],
    );
    const version = versions[0];
    if (!version) continue; // the ONNX models were not trained into this seed
    const names = inputFeatureNames(version.inputSchema);
    const { rows } = await readDataset(createReadStream(path.join("data", "datasets", plan.dataset)), "csv", 10_000_000);
    const complete = rows.filter((r) => names.every((n) => !isMissing(r[n])));
    const session = await InferenceSession.create(path.join(ONNX_SEED_DIR, `${plan.slug}.onnx`));
    const answers = await runOnnx(session, names, complete);
    const outputs = answers.flatMap((a) => toRows(version.outputSchema, a, "output"));
    const features = [...profileRows(rows, "input", names), ...profileRows(outputs, "output")];
    await pool.query(
      `INSERT INTO reference_profiles ("versionId", source, "fileName", "rowCount", features) VALUES ($1, 'upload', $2, $3, $4)
       ON CONFLICT ("versionId") DO NOTHING`,
      [version.id, plan.dataset, rows.length, JSON.stringify(features)],
    );

    // Captured calls: rows drawn from the dataset; a drifting feature moves up to `sigmas` standard deviations.
    const next = random(plan.slug.length);
    const std = features.find((f) => f.name === plan.drift?.feature)?.std ?? 0;
    const calls: { at: Date; rows: Row[] }[] = [];
    for (let h = HOURS; h >= 1; h--)
      for (let c = 0; c < CALLS_PER_HOUR; c++) {
        const at = new Date(now.getTime() - h * 3_600_000 + c * 1_000_000);
        const shift = plan.drift && h <= 48 ? ((48 - h) / 48) * plan.drift.sigmas * std : 0;
        const picked = Array.from({ length: ROWS_PER_CALL }, () => ({ ...complete[Math.floor(next() * complete.length)] }));
        if (plan.drift) for (const r of picked) r[plan.drift.feature] = Math.round((Number(r[plan.drift.feature]) + shift) * 10) / 10;
        calls.push({ at, rows: picked });
      }
    const results = await runOnnx(
      session,
      names,
      calls.flatMap((c) => c.rows),
    );
    let offset = 0;
    const captures = calls.map((call, i) => {
      const answer = results.slice(offset, (offset += call.rows.length));
      return {
        versionId: version.id,
        requestId: `seed-health-${plan.slug}-${i}`,
        at: call.at,
        input: JSON.stringify({ features: call.rows.map((r) => names.map((n) => r[n])) }),
        output: JSON.stringify({ label: answer.flatMap((a) => a.label), probabilities: answer.flatMap((a) => a.probabilities) }),
      };
    });
    await kysely.insertInto("payload_captures").values(captures).execute();
    await session.release();
  }
  await foldCaptures({ kysely });
}
