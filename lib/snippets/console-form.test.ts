import { describe, expect, it } from "vitest";
import { bodyFromValues, formShapeOf, valuesFromBody } from "@/lib/snippets/console-form";
import { parseServerTiming } from "@/lib/snippets/server-timing";

const FLAT = {
  type: "object",
  required: ["age", "plan"],
  properties: {
    age: { type: "integer" },
    income: { type: "number" },
    plan: { enum: ["basic", "pro"] },
    active: { type: "boolean" },
    note: { type: "string" },
  },
};
const FEATURES = {
  type: "object",
  properties: { features: { type: "array", items: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4 } } },
};

describe("console form", () => {
  it("renders flat objects of primitives and enums, and the features matrix; nothing else", () => {
    expect(formShapeOf(FLAT)).toMatchObject({
      kind: "flat",
      fields: [
        { name: "age", kind: "integer", required: true },
        { name: "income", kind: "number" },
        { name: "plan", kind: "enum", options: ["basic", "pro"] },
        { name: "active", kind: "boolean" },
        { name: "note", kind: "string" },
      ],
    });
    expect(formShapeOf(FEATURES)).toEqual({ kind: "features", property: "features", width: 4, names: null });
    // Any single matrix property (ONNX inputs are named after the graph's input), with declared feature names.
    const named = { type: "object", "x-feature-names": ["a", "b", "c", "d"], properties: { float_input: FEATURES.properties.features } };
    expect(formShapeOf(named)).toEqual({ kind: "features", property: "float_input", width: 4, names: ["a", "b", "c", "d"] });
    // Names that contradict the fixed width are ignored; names give the width when the schema has none.
    expect(formShapeOf({ ...named, "x-feature-names": ["a", "b"] })).toMatchObject({ width: 4, names: null });
    const open = {
      type: "object",
      "x-feature-names": ["x", "y"],
      properties: { rows: { type: "array", items: { type: "array", items: { type: "integer" } } } },
    };
    expect(formShapeOf(open)).toEqual({ kind: "features", property: "rows", width: 2, names: ["x", "y"] });
    expect(formShapeOf({ ...open, "x-feature-names": undefined })).toEqual({
      kind: "features",
      property: "rows",
      width: null,
      names: null,
    });
    expect(formShapeOf({ type: "object", properties: { nested: { type: "object" } } })).toBeNull();
    expect(formShapeOf({ type: "array" })).toBeNull();
    expect(formShapeOf(null)).toBeNull();
  });

  it("round-trips values and bodies and explains bad input", () => {
    const flat = formShapeOf(FLAT)!;
    const values = valuesFromBody(flat, { age: 41, plan: "pro", active: true });
    expect(values).toEqual({ age: "41", income: "", plan: "pro", active: "true", note: "" });
    expect(bodyFromValues(flat, values)).toEqual({ body: { age: 41, plan: "pro", active: true } });
    expect(bodyFromValues(flat, { ...values, age: "4.5" })).toEqual({ error: "age must be a whole number." });
    expect(bodyFromValues(flat, { ...values, age: "" })).toEqual({ error: "age is required." });

    // Known width: one value per feature.
    const features = formShapeOf({ ...FEATURES, "x-feature-names": ["sepal_length", "sepal_width", "petal_length", "petal_width"] })!;
    const cells = valuesFromBody(features, {
      features: [
        [5.1, 3.5, 1.4, 0.2],
        [6, 3, 4.8, 1.8],
      ],
    });
    expect(cells).toEqual({
      "row0.0": "5.1",
      "row0.1": "3.5",
      "row0.2": "1.4",
      "row0.3": "0.2",
      "row1.0": "6",
      "row1.1": "3",
      "row1.2": "4.8",
      "row1.3": "1.8",
    });
    expect(bodyFromValues(features, cells)).toEqual({
      body: {
        features: [
          [5.1, 3.5, 1.4, 0.2],
          [6, 3, 4.8, 1.8],
        ],
      },
    });
    expect(bodyFromValues(features, { ...cells, "row1.2": "" })).toEqual({ error: "Row 2: petal_length must be a number." });
    expect(bodyFromValues(features, { ...cells, "row0.0": "x" })).toEqual({ error: "Row 1: sepal_length must be a number." });
    // Rows keep their order after one was removed (row numbers in messages are positions).
    const { "row0.0": _a, "row0.1": _b, "row0.2": _c, "row0.3": _d, ...second } = cells;
    expect(bodyFromValues(features, { ...second, "row1.0": "y" })).toEqual({ error: "Row 1: sepal_length must be a number." });
    expect(bodyFromValues(formShapeOf(FEATURES)!, { "row0.0": "1" })).toEqual({ error: "Row 1: Feature 2 must be a number." });

    // Unknown width: a row is one text box of numbers.
    const loose = formShapeOf({
      type: "object",
      properties: { features: { type: "array", items: { type: "array", items: { type: "number" } } } },
    })!;
    const rows = valuesFromBody(loose, {
      features: [
        [5.1, 3.5],
        [6, 3, 4.8],
      ],
    });
    expect(rows).toEqual({ row0: "5.1, 3.5", row1: "6, 3, 4.8" });
    expect(bodyFromValues(loose, rows)).toEqual({
      body: {
        features: [
          [5.1, 3.5],
          [6, 3, 4.8],
        ],
      },
    });
    expect(bodyFromValues(loose, { row0: "1, x, 3, 4" })).toEqual({ error: "Row 1 must be numbers separated by commas." });
  });

  it("reads the gateway/model split from Server-Timing", () => {
    expect(parseServerTiming("gateway;dur=1.25, upstream;dur=30")).toEqual({ gateway: 1.25, upstream: 30 });
    expect(parseServerTiming('upstream;desc="model";dur=7, gateway;dur=0.4')).toEqual({ gateway: 0.4, upstream: 7 });
    expect(parseServerTiming(null)).toEqual({ gateway: null, upstream: null });
    expect(parseServerTiming("db;dur=3")).toEqual({ gateway: null, upstream: null });
  });
});
