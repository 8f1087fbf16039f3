import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { deriveOnnxSchema } from "@/lib/publishing/derive-onnx-schema";

const iris = readFileSync("prisma/seed-data/onnx/iris-classifier.onnx");
const irisFacts = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  onnx: unknown;
  exampleInput: unknown;
};

describe("deriveOnnxSchema", () => {
  it("reads the iris graph's tensors: names, element types and shapes with a dynamic batch axis", async () => {
    const derived = await deriveOnnxSchema(iris);
    expect({ inputs: derived.inputs, outputs: derived.outputs }).toEqual(irisFacts.onnx);
  });

  it("turns them into a JSON Schema that accepts the model's example and refuses wrong shapes and types", async () => {
    const { inputSchema, outputSchema } = await deriveOnnxSchema(iris);
    const ajv = new Ajv2020({ strict: false });
    const input = ajv.compile(inputSchema);
    expect(input(irisFacts.exampleInput)).toBe(true);
    expect(
      input({
        features: [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
      }),
    ).toBe(true);
    expect(input({ features: [[1, 2, 3]] })).toBe(false);
    expect(input({ features: [] })).toBe(false);
    expect(input({ features: [["a", 2, 3, 4]] })).toBe(false);
    expect(input({ features: [[1, 2, 3, 4]], extra: 1 })).toBe(false);
    const output = ajv.compile(outputSchema);
    expect(output({ label: [0], probabilities: [[0.9, 0.05, 0.05]] })).toBe(true);
    expect(output({ label: [0.5], probabilities: [[0.9, 0.05, 0.05]] })).toBe(false);
  });

  it("refuses bytes that are not an ONNX model with invalid_artifact", async () => {
    await expect(deriveOnnxSchema(new TextEncoder().encode("PK\u0003\u0004 a zip, not a model"))).rejects.toMatchObject({
      code: "invalid_artifact",
      status: 422,
    });
    await expect(deriveOnnxSchema(iris.subarray(0, 200))).rejects.toMatchObject({ code: "invalid_artifact" });
  });
});
