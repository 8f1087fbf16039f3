import { readFileSync } from "node:fs";
import { onnx } from "onnx-proto";
import { describe, expect, it } from "vitest";
import { deriveOnnxSchema } from "@/lib/publishing/derive-onnx-schema";
import { exampleFromSchema } from "@/lib/publishing/example-from-schema";
import { readOnnxMetadata } from "@/lib/publishing/read-onnx-metadata";
import { firstSchemaProblem } from "@/lib/json-schema/compile-schema";

const iris = readFileSync("prisma/seed-data/onnx/iris-classifier.onnx");

describe("ONNX metadata for the publishing form", () => {
  it("reads metadata_props from the top level of the protobuf", () => {
    expect(readOnnxMetadata(iris)).toMatchObject({
      slug: "iris-classifier",
      feature_names: JSON.stringify(["sepal_length", "sepal_width", "petal_length", "petal_width"]),
      license: "CC-BY-4.0",
    });
    const encoded = onnx.ModelProto.encode({
      irVersion: 8,
      metadataProps: [
        { key: "class_labels", value: "a, b" },
        { key: "", value: "x" },
      ],
    }).finish();
    expect(readOnnxMetadata(encoded)).toEqual({ class_labels: "a, b" });
    expect(readOnnxMetadata(new TextEncoder().encode("not a protobuf at all"))).toEqual({});
  });

  it("puts feature names and class labels into the derived schemas, and a first example fits the input schema", async () => {
    const derived = await deriveOnnxSchema(iris);
    expect(derived.hints).toEqual({
      featureNames: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
      classLabels: ["setosa", "versicolor", "virginica"],
      license: "CC-BY-4.0",
    });
    expect(derived.inputSchema["x-feature-names"]).toEqual(derived.hints.featureNames);
    expect(derived.outputSchema["x-class-labels"]).toEqual(derived.hints.classLabels);
    const example = exampleFromSchema(derived.inputSchema);
    expect(example).toEqual({ features: [[0, 0, 0, 0]] });
    expect(firstSchemaProblem(derived.inputSchema, example)).toBeNull();
  });

  it("builds examples for other shapes: enums, minimums, nested objects, prefixItems", () => {
    const schema = {
      type: "object",
      required: ["kind", "n", "rows", "pair"],
      properties: {
        kind: { enum: ["a", "b"] },
        n: { type: "integer", minimum: 3 },
        rows: { type: "array", minItems: 2, items: { type: "object", properties: { x: { type: "number" } } } },
        pair: { type: "array", prefixItems: [{ type: "string" }, { type: "boolean" }] },
        optional: { type: "string" },
      },
    };
    expect(exampleFromSchema(schema)).toEqual({ kind: "a", n: 3, rows: [{ x: 0 }, { x: 0 }], pair: ["", false] });
  });
});
