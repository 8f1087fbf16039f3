import { describe, expect, it } from "vitest";
import { bodyFromValues, formShapeOf, valuesFromBody } from "@/lib/snippets/console-form";
import { parseServerTiming } from "@/lib/snippets/server-timing";

const FLAT = {
  type: "object", required: ["age", "plan"],
  properties: { age: { type: "integer" }, income: { type: "number" }, plan: { enum: ["basic", "pro"] }, active: { type: "boolean" }, note: { type: "string" } },
};
const FEATURES = { type: "object", properties: { features: { type: "array", items: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4 } } } };

describe("console form", () => {
  it("renders flat objects of primitives and enums, and the features matrix; nothing else", () => {
    expect(formShapeOf(FLAT)).toMatchObject({ kind: "flat", fields: [{ name: "age", kind: "integer", required: true }, { name: "income", kind: "number" }, { name: "plan", kind: "enum", options: ["basic", "pro"] }, { name: "active", kind: "boolean" }, { name: "note", kind: "string" }] });
    expect(formShapeOf(FEATURES)).toEqual({ kind: "features", width: 4 });
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

    const features = formShapeOf(FEATURES)!;
    const rows = valuesFromBody(features, { features: [[5.1, 3.5, 1.4, 0.2], [6, 3, 4.8, 1.8]] });
    expect(rows).toEqual({ row0: "5.1, 3.5, 1.4, 0.2", row1: "6, 3, 4.8, 1.8" });
    expect(bodyFromValues(features, rows)).toEqual({ body: { features: [[5.1, 3.5, 1.4, 0.2], [6, 3, 4.8, 1.8]] } });
    expect(bodyFromValues(features, { row0: "1, 2" })).toEqual({ error: "Row 1 needs exactly 4 numbers." });
    expect(bodyFromValues(features, { row0: "1, x, 3, 4" })).toEqual({ error: "Row 1 must be numbers separated by commas." });
  });

  it("reads the gateway/model split from Server-Timing", () => {
    expect(parseServerTiming("gateway;dur=1.25, upstream;dur=30")).toEqual({ gateway: 1.25, upstream: 30 });
    expect(parseServerTiming('upstream;desc="model";dur=7, gateway;dur=0.4')).toEqual({ gateway: 0.4, upstream: 7 });
    expect(parseServerTiming(null)).toEqual({ gateway: null, upstream: null });
    expect(parseServerTiming("db;dur=3")).toEqual({ gateway: null, upstream: null });
  });
});
