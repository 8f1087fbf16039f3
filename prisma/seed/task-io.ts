// JSON Schemas and example inputs for each kind of model contract. Examples are built from the same
// facts as the schemas, so every example input is valid against its input schema.
import type { IoSpec, JsonObject } from "./types";

type JsonSchema = JsonObject;

export type IoContract = {
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  exampleInput: JsonObject;
  /** Typical request and response sizes in bytes (traffic generation). */
  bytesIn: number;
  bytesOut: number;
  /** Typical prompt and completion tokens for token-priced models. */
  tokens?: { in: number; out: number };
};

const DRAFT = "https://json-schema.org/draft/2020-12/schema";
const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({
  type: "object",
  required,
  properties,
  additionalProperties: false,
});
const withDraft = (schema: JsonSchema): JsonSchema => ({ $schema: DRAFT, ...schema });
const num = (extra: JsonSchema = {}): JsonSchema => ({ type: "number", ...extra });
const str = (extra: JsonSchema = {}): JsonSchema => ({ type: "string", ...extra });
const int = (extra: JsonSchema = {}): JsonSchema => ({ type: "integer", ...extra });
const arr = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: "array", items, ...extra });
const probability = () => num({ minimum: 0, maximum: 1 });

function featureSchema(features: Record<string, string | number | boolean>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, value] of Object.entries(features)) {
    properties[name] =
      typeof value === "string"
        ? str({ minLength: 1 })
        : typeof value === "boolean"
          ? { type: "boolean" }
          : Number.isInteger(value)
            ? int()
            : num();
  }
  return obj(properties);
}

const TABULAR_OUTPUT: Record<"probability" | "regression" | "anomaly", (unit?: string) => JsonSchema> = {
  probability: () => obj({ score: probability(), label: str(), reasons: arr(str(), { maxItems: 5 }) }, ["score", "label"]),
  regression: (unit) => obj({ value: num(), unit: { const: unit ?? "" }, interval: arr(num(), { minItems: 2, maxItems: 2 }) }, ["value"]),
  anomaly: () =>
    obj({ anomaly_score: probability(), is_anomaly: { type: "boolean" }, contributing_features: arr(str()) }, [
      "anomaly_score",
      "is_anomaly",
    ]),
};

const chatMessage = obj({ role: { enum: ["system", "user", "assistant"] }, content: str() });
const usage = obj({ prompt_tokens: int(), completion_tokens: int(), total_tokens: int() });
const kserveTensor = obj({ name: str(), shape: arr(int()), datatype: str(), data: arr({}) }, ["name", "shape", "datatype", "data"]);

export function ioContract(io: IoSpec): IoContract {
  switch (io.kind) {
    case "tabular":
      return {
        inputSchema: withDraft(obj({ features: featureSchema(io.features) })),
        outputSchema: withDraft(TABULAR_OUTPUT[io.output](io.unit)),
        exampleInput: { features: io.features },
        bytesIn: 180 + 28 * Object.keys(io.features).length,
        bytesOut: io.output === "regression" ? 90 : 140,
      };
    case "kserve":
      return {
        inputSchema: withDraft(obj({ inputs: arr(kserveTensor, { minItems: 1 }) }, ["inputs"])),
        outputSchema: withDraft(obj({ model_name: str(), outputs: arr(kserveTensor) }, ["outputs"])),
        exampleInput: { inputs: [{ name: "input-0", shape: [1, io.values.length], datatype: "FP32", data: io.values }] },
        bytesIn: 120 + 12 * io.values.length,
        bytesOut: 160,
      };
    case "text":
      return {
        inputSchema: withDraft(obj({ text: str({ minLength: 1, maxLength: 10000 }) })),
        outputSchema: withDraft(
          obj({ label: { enum: io.labels }, score: probability(), scores: { type: "object", additionalProperties: probability() } }, [
            "label",
            "score",
          ]),
        ),
        exampleInput: { text: io.text },
        bytesIn: 420,
        bytesOut: 60 + 24 * io.labels.length,
      };
    case "ner":
      return {
        inputSchema: withDraft(obj({ text: str({ minLength: 1, maxLength: 20000 }) })),
        outputSchema: withDraft(
          obj({
            entities: arr(
              obj({
                text: str(),
                label: { enum: io.entities },
                start: int({ minimum: 0 }),
                end: int({ minimum: 0 }),
                score: probability(),
              }),
            ),
          }),
        ),
        exampleInput: { text: io.text },
        bytesIn: 650,
        bytesOut: 520,
      };
    case "forecast":
      return {
        inputSchema: withDraft(
          obj({ series_id: str({ minLength: 1 }), horizon_days: int({ minimum: 1, maximum: 90 }), as_of: str({ format: "date" }) }, [
            "series_id",
            "horizon_days",
          ]),
        ),
        outputSchema: withDraft(
          obj({ series_id: str(), forecast: arr(obj({ date: str({ format: "date" }), value: num(), lower: num(), upper: num() })) }),
        ),
        exampleInput: { series_id: io.seriesId, horizon_days: io.horizonDays },
        bytesIn: 90,
        bytesOut: 70 * io.horizonDays,
      };
    case "recommend":
      return {
        inputSchema: withDraft(
          obj({ user_id: str({ minLength: 1 }), surface: str(), k: int({ minimum: 1, maximum: 100 }), exclude_item_ids: arr(str()) }, [
            "user_id",
            "k",
          ]),
        ),
        outputSchema: withDraft(obj({ items: arr(obj({ item_id: str(), score: num(), reason: str() }, ["item_id", "score"])) })),
        exampleInput: { user_id: io.userId, surface: io.surface, k: 12 },
        bytesIn: 140,
        bytesOut: 950,
      };
    case "embed":
      return {
        inputSchema: withDraft(
          obj(
            {
              input: { oneOf: [str({ minLength: 1 }), arr(str({ minLength: 1 }), { minItems: 1, maxItems: 256 })] },
              model: str(),
              dimensions: int({ minimum: 1 }),
            },
            ["input"],
          ),
        ),
        outputSchema: withDraft(
          obj(
            {
              object: { const: "list" },
              data: arr(obj({ object: str(), index: int(), embedding: arr(num(), { minItems: io.dims, maxItems: io.dims }) })),
              model: str(),
              usage: obj({ prompt_tokens: int(), total_tokens: int() }),
            },
            ["data"],
          ),
        ),
        exampleInput: { input: io.text, model: io.upstream },
        bytesIn: 380,
        bytesOut: 11 * io.dims,
        tokens: { in: 90, out: 0 },
      };
    case "chat":
      return {
        inputSchema: withDraft(
          obj(
            {
              messages: arr(chatMessage, { minItems: 1 }),
              model: str(),
              max_tokens: int({ minimum: 1, maximum: 8192 }),
              temperature: num({ minimum: 0, maximum: 2 }),
              stream: { type: "boolean" },
            },
            ["messages"],
          ),
        ),
        outputSchema: withDraft(
          obj(
            {
              id: str(),
              object: str(),
              model: str(),
              choices: arr(obj({ index: int(), message: chatMessage, finish_reason: str() })),
              usage,
            },
            ["choices"],
          ),
        ),
        exampleInput: {
          model: io.upstream,
          messages: [
            { role: "system", content: io.system },
            { role: "user", content: io.prompt },
          ],
          max_tokens: 512,
          temperature: 0.2,
        },
        bytesIn: 2400,
        bytesOut: 1400,
        tokens: { in: 900, out: 280 },
      };
    case "onnx":
      return { inputSchema: io.inputSchema, outputSchema: io.outputSchema, exampleInput: io.exampleInput, bytesIn: 120, bytesOut: 110 };
    case "image":
      return {
        inputSchema: withDraft(obj({ inputs: arr(kserveTensor, { minItems: 1 }) }, ["inputs"])),
        outputSchema: withDraft(obj({ model_name: str(), outputs: arr(kserveTensor) }, ["outputs"])),
        // A 1×1 PNG keeps the example small; real callers send product photos (~60 KB).
        exampleInput: {
          inputs: [
            {
              name: "image_bytes",
              shape: [1],
              datatype: "BYTES",
              data: ["iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="],
            },
          ],
        },
        bytesIn: 62000,
        bytesOut: 90 + 30 * io.labels.length,
      };
  }
}
