// The real ONNX models: scripts/train-models.ts writes prisma/seed-data/onnx/<slug>.onnx plus a
// <slug>.json with its metadata and card. Each pair becomes an ml-platform model whose approved 1.0.0
// version is served in-process from the artifact store.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { saveArtifact } from "../../lib/artifacts/artifact-store";
import type { ModelDef } from "./types";

export const ONNX_SEED_DIR = path.join("prisma", "seed-data", "onnx");

const jsonObject = z.record(z.string(), z.json());

const OnnxMetadata = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "slug must be a lowercase name like iris-classifier"),
  displayName: z.string().min(1),
  task: z.string().min(1),
  framework: z.string().min(1),
  tags: z.array(z.string()),
  license: z.string().nullish(),
  summary: z.string(),
  inputSchema: jsonObject,
  outputSchema: jsonObject,
  exampleInput: jsonObject,
  metrics: z.record(z.string(), z.json()).optional(),
  card: z.string().min(1),
});

function metricRows(metrics: Record<string, unknown> | undefined): [string, string][] {
  return Object.entries(metrics ?? {}).map(([name, value]) => [name, String(value)]);
}

/** Model definitions for every `<slug>.json` in `dir` (none when the folder is missing or empty). */
export async function loadOnnxModels(options: { dir?: string; artifactDir: string }): Promise<ModelDef[]> {
  const dir = options.dir ?? ONNX_SEED_DIR;
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const defs: ModelDef[] = [];
  for (const file of files) {
    const parsed = OnnxMetadata.safeParse(JSON.parse(await readFile(path.join(dir, file), "utf8")));
    if (!parsed.success)
      throw new Error(`${path.join(dir, file)}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const meta = parsed.data;
    const onnxFile = path.join(dir, `${path.basename(file, ".json")}.onnx`);
    if (!existsSync(onnxFile)) throw new Error(`${onnxFile} is missing (run npm run models:train)`);
    const artifact = await saveArtifact(new Uint8Array(await readFile(onnxFile)), options.artifactDir);
    defs.push({
      team: "ml-platform",
      name: meta.slug,
      displayName: meta.displayName,
      task: meta.task,
      framework: meta.framework,
      tags: meta.tags,
      license: meta.license ?? null,
      summary: meta.summary,
      businessOwner: "publisher@modelport.local",
      risk: "low",
      valuePerCall: 100,
      lifecycle: "single",
      io: { kind: "onnx", inputSchema: meta.inputSchema, outputSchema: meta.outputSchema, exampleInput: meta.exampleInput, artifact },
      cost: "cpu-small",
      latencyMs: 0.4,
      intendedUse: "",
      limitations: [],
      trainingData: "",
      metrics: metricRows(meta.metrics),
      card: meta.card,
      consolePerDay: 6,
    });
  }
  return defs;
}
