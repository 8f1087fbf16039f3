// Checks the committed ONNX models in prisma/seed-data/onnx/ against their metadata, independently of the
// training script's own evaluation code, and that retraining reproduces them byte for byte.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_ANNOTATIONS } from "../lib/snippets/readable-output";
import { loadDataset, MODEL_SPECS, OUTPUT_DIR, stratifiedSplit, trainAll, type ModelMetadata, type TrainedModel } from "./train-models";

/** Minimum test accuracy each committed model must reach. */
const ACCURACY_FLOORS: Record<string, number> = {
  "iris-classifier": 0.9,
  "penguin-species-classifier": 0.95,
  "car-origin-classifier": 0.7,
};

const METADATA_KEYS = [
  "slug",
  "displayName",
  "task",
  "framework",
  "tags",
  "license",
  "summary",
  "featureNames",
  "classes",
  "inputSchema",
  "outputSchema",
  "onnx",
  "exampleInput",
  "exampleOutputLabel",
  "metrics",
  "dataset",
  "method",
  "card",
];

const CARD_SECTIONS = ["## Intended use", "## Limitations", "## Training data", "## Method", "## Evaluation", "## Input and output"];

function readMetadata(slug: string): ModelMetadata {
  return JSON.parse(fs.readFileSync(path.join(OUTPUT_DIR, `${slug}.json`), "utf8")) as ModelMetadata;
}

interface Outputs {
  probabilities: ort.Tensor;
  label: ort.Tensor;
}

async function run(session: ort.InferenceSession, rows: number[][]): Promise<Outputs> {
  const k = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * k);
  rows.forEach((r, i) => data.set(r, i * k));
  const out = await session.run({ features: new ort.Tensor("float32", data, [rows.length, k]) });
  const probabilities = out["probabilities"];
  const label = out["label"];
  if (!probabilities || !label) throw new Error("missing output");
  return { probabilities, label };
}

let retrained: TrainedModel[] = [];

beforeAll(async () => {
  retrained = await trainAll();
});

it("commits at least three models, one per spec", () => {
  expect(MODEL_SPECS.length).toBeGreaterThanOrEqual(3);
  for (const spec of MODEL_SPECS) {
    expect(fs.existsSync(path.join(OUTPUT_DIR, `${spec.slug}.onnx`))).toBe(true);
    expect(fs.existsSync(path.join(OUTPUT_DIR, `${spec.slug}.json`))).toBe(true);
  }
});

describe.each(MODEL_SPECS.map((spec) => [spec.slug, spec] as const))("%s", (slug, spec) => {
  const meta = readMetadata(slug);
  const onnxBytes = fs.readFileSync(path.join(OUTPUT_DIR, `${slug}.onnx`));
  const data = loadDataset(spec);
  const k = meta.featureNames.length;
  const c = meta.classes.length;
  let session: ort.InferenceSession;
  let outputs: Outputs;

  beforeAll(async () => {
    session = await ort.InferenceSession.create(onnxBytes);
    outputs = await run(session, data.features);
  });
  afterAll(async () => {
    await session.release();
  });

  it("has metadata of the agreed shape and a small ONNX file", () => {
    expect(Object.keys(meta)).toEqual(METADATA_KEYS);
    expect(meta.slug).toBe(slug);
    expect(meta.task).toBe("tabular-classification");
    expect(meta.framework).toBe("onnx");
    expect(meta.featureNames).toEqual(spec.featureColumns);
    expect(meta.classes).toEqual(spec.classes);
    expect(meta.dataset.rows).toBe(data.features.length);
    expect(onnxBytes.length).toBeLessThan(16 * 1024);
    for (const section of CARD_SECTIONS) expect(meta.card).toContain(`${section}\n`);
  });

  it("declares and produces the inputs and outputs the metadata describes", () => {
    expect(session.inputNames).toEqual(meta.onnx.inputs.map((i) => i.name));
    expect(session.outputNames).toEqual(meta.onnx.outputs.map((o) => o.name));
    expect(meta.onnx.inputs).toEqual([{ name: "features", type: "float32", shape: ["N", k] }]);
    expect(meta.onnx.outputs).toEqual([
      { name: "probabilities", type: "float32", shape: ["N", c] },
      { name: "label", type: "int64", shape: ["N"] },
    ]);
    for (const [declared, actual] of [
      [meta.onnx.inputs, session.inputMetadata],
      [meta.onnx.outputs, session.outputMetadata],
    ] as const) {
      expect(actual.map((m) => ({ name: m.name, type: m.isTensor ? m.type : "?", shape: m.isTensor ? [...m.shape] : [] }))).toEqual(
        declared,
      );
    }

    const n = data.features.length;
    expect(outputs.probabilities.type).toBe("float32");
    expect(outputs.probabilities.dims).toEqual([n, c]);
    expect(outputs.label.type).toBe("int64");
    expect(outputs.label.dims).toEqual([n]);
    const probs = outputs.probabilities.data as Float32Array;
    const labels = outputs.label.data as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const row = Array.from(probs.subarray(i * c, (i + 1) * c));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(row.indexOf(Math.max(...row))).toBe(Number(labels[i]));
    }
  });

  it("validates the example and a real response against the JSON schemas", async () => {
    // Strict, with the portal's own annotation keywords declared (names, not constraints).
    const ajv = new Ajv2020({ strict: true }).addVocabulary([...SCHEMA_ANNOTATIONS]);
    const validateInput = ajv.compile(meta.inputSchema);
    const validateOutput = ajv.compile(meta.outputSchema);
    expect(validateInput(meta.exampleInput)).toBe(true);
    expect(validateInput({ features: [new Array<number>(k + 1).fill(0)] })).toBe(false);
    expect(validateInput({ features: [] })).toBe(false);
    const out = await run(session, meta.exampleInput.features);
    const response = {
      label: Array.from(out.label.data as BigInt64Array, Number),
      probabilities: [Array.from(out.probabilities.data as Float32Array)],
    };
    expect(validateOutput(response)).toBe(true);
  });

  it("reaches the accuracy recorded in its metadata on the test split", () => {
    const split = stratifiedSplit(data.labels, c, spec.hyperparameters.testFraction, spec.hyperparameters.seed);
    expect(split.test.length).toBe(meta.metrics.testRows);
    expect(split.train.length).toBe(meta.metrics.trainRows);
    expect(new Set([...split.train, ...split.test]).size).toBe(data.features.length);
    const labels = outputs.label.data as BigInt64Array;
    const accuracy = (rows: number[]) => rows.filter((i) => Number(labels[i]) === data.labels[i]).length / rows.length;
    const testAccuracy = accuracy(split.test);
    expect(Math.round(testAccuracy * 10000) / 10000).toBe(meta.metrics.testAccuracy);
    expect(Math.round(accuracy(split.train) * 10000) / 10000).toBe(meta.metrics.trainAccuracy);
    expect(testAccuracy).toBeGreaterThanOrEqual(ACCURACY_FLOORS[slug] ?? 1);
    expect(meta.card).toContain(`| test | ${split.test.length} | ${(testAccuracy * 100).toFixed(2)}% |`);
  });

  it("predicts exampleOutputLabel for exampleInput, a real test-split row", async () => {
    const split = stratifiedSplit(data.labels, c, spec.hyperparameters.testFraction, spec.hyperparameters.seed);
    const [example] = meta.exampleInput.features;
    expect(meta.exampleInput.features).toHaveLength(1);
    expect(split.test.some((i) => JSON.stringify(data.features[i]) === JSON.stringify(example))).toBe(true);
    const out = await run(session, meta.exampleInput.features);
    expect(Number((out.label.data as BigInt64Array)[0])).toBe(meta.exampleOutputLabel);
  });

  it("is reproduced byte for byte by retraining", () => {
    const model = retrained.find((m) => m.metadata.slug === slug);
    expect(model).toBeDefined();
    expect(Buffer.from(model?.onnx ?? new Uint8Array()).equals(onnxBytes)).toBe(true);
    expect(JSON.parse(JSON.stringify(model?.metadata))).toEqual(meta);
  });
});
