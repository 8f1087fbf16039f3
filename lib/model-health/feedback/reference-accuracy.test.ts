import { describe, expect, it } from "vitest";
import { referenceAccuracyOf } from "@/lib/model-health/feedback/reference-accuracy";

const card = (text: string) => ({ referenceAccuracy: null, model: { card: text } });

describe("referenceAccuracyOf", () => {
  it("prefers the owner's figure to the card's", () => {
    expect(referenceAccuracyOf({ referenceAccuracy: 0.8, model: { card: "| Accuracy | 0.9 |" } })).toBe(0.8);
  });
  it("reads the card's evaluation table, as a share or a percentage", () => {
    expect(referenceAccuracyOf(card("## Evaluation\n\n| metric | value |\n| --- | ---: |\n| testAccuracy | 0.9333 |"))).toBe(0.9333);
    expect(referenceAccuracyOf(card("| Accuracy | 94.7 % |"))).toBeCloseTo(0.947);
  });
  it("reads the accuracy column of an evaluation table on its test row", () => {
    const table = "## Evaluation\n\n| split | rows | accuracy |\n| --- | ---: | ---: |\n| train | 313 | 79.87% |\n| test | 79 | 75.95% |\n";
    expect(referenceAccuracyOf(card(table))).toBeCloseTo(0.7595);
    expect(referenceAccuracyOf(card(table.replace("| test |", "| holdout |")))).toBeNull();
  });

  it("ignores other accuracy-like rows and cards without one", () => {
    expect(referenceAccuracyOf(card("| Accuracy (internal tickets) | 0.98 |"))).toBeNull();
    expect(referenceAccuracyOf(card("| AUC | 0.9 |"))).toBeNull();
  });
});
