import { describe, expect, it } from "vitest";
import { extractPrediction } from "@/lib/model-health/feedback/extract-prediction";

const iris = { "x-class-labels": ["setosa", "versicolor", "virginica"] };

describe("extractPrediction", () => {
  it("reads a classifier's single-row label, naming a class index by the schema's labels", () => {
    expect(extractPrediction("classification", { label: [2], probabilities: [[0, 0.1, 0.9]] }, iris)).toEqual({
      label: "virginica",
      value: null,
    });
    expect(extractPrediction("classification", { prediction: "spam" }, null)).toEqual({ label: "spam", value: null });
    expect(extractPrediction("classification", "yes", null)).toEqual({ label: "yes", value: null });
  });

  it("reads a regressor's number", () => {
    expect(extractPrediction("regression", { value: [[21.5]] }, null)).toEqual({ label: null, value: 21.5 });
    expect(extractPrediction("regression", 3, null)).toEqual({ label: null, value: 3 });
  });

  it("does not score multi-row or unrecognisable answers", () => {
    expect(extractPrediction("classification", { label: [0, 1] }, iris)).toBeNull();
    expect(extractPrediction("classification", { probabilities: [[1, 0, 0]] }, iris)).toBeNull();
    expect(extractPrediction("regression", { value: "high" }, null)).toBeNull();
  });
});
