import { describe, expect, it } from "vitest";
import { compareAnswers } from "@/lib/rollouts/compare-answers";

describe("compareAnswers", () => {
  it("agrees on equal labels and averages the absolute difference of the scores", () => {
    const a = { label: [0], probabilities: [[0.9, 0.1, 0]] };
    const b = { label: [0], probabilities: [[0.7, 0.2, 0.1]] };
    const c = compareAnswers(a, b);
    expect(c.agreement).toBe(true);
    expect(c.absDiff).toBeCloseTo((0.2 + 0.1 + 0.1) / 3, 10);
    expect(compareAnswers(a, { ...b, label: [2] }).agreement).toBe(false);
  });

  it("without a label field, compares the non-numeric leaves and the numbers separately", () => {
    expect(compareAnswers({ sentiment: "positive", score: 0.8 }, { sentiment: "positive", score: 0.5 })).toEqual({
      agreement: true,
      absDiff: 0.30000000000000004,
    });
    expect(compareAnswers({ sentiment: "positive" }, { sentiment: "negative" })).toEqual({ agreement: false, absDiff: null });
    expect(compareAnswers({ value: 3 }, { value: 1 })).toEqual({ agreement: null, absDiff: 2 });
    expect(compareAnswers({ value: 3 }, { other: 1 })).toEqual({ agreement: false, absDiff: null });
  });
});
