import { describe, expect, it } from "vitest";
import { modelNameFrom } from "@/lib/publishing/model-name";
import { createModelInput } from "@/lib/publishing/schemas";

describe("modelNameFrom", () => {
  it("turns a display name into a model name the API accepts", () => {
    for (const [text, name] of [
      ["Churn predictor (EU) v2", "churn-predictor-eu-v2"],
      ["  Iris_Species--Classifier  ", "iris-species-classifier"],
      ["Ünïcode 😀 only", "n-code-only"],
      ["x".repeat(70) + " tail", "x".repeat(64)],
    ] as const) {
      expect(modelNameFrom(text)).toBe(name);
      expect(createModelInput.shape.name.safeParse(name).success, name).toBe(true);
    }
    expect(modelNameFrom("!!!")).toBe("");
  });
});
