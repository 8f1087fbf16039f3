import { describe, expect, it } from "vitest";
import { compareOutput } from "@/lib/golden-tests/compare-output";

describe("compareOutput", () => {
  it("accepts numbers within the tolerance and refuses them beyond it", () => {
    expect(compareOutput(0.91, 0.9, 0.02).ok).toBe(true);
    const far = compareOutput(0.95, 0.9, 0.02);
    expect(far).toMatchObject({ ok: false });
    expect(!far.ok && far.detail).toContain("tolerance 0.02");
  });

  it("wants labels, strings and booleans equal whatever the tolerance", () => {
    expect(compareOutput("setosa", "setosa", 5).ok).toBe(true);
    expect(compareOutput("virginica", "setosa", 5).ok).toBe(false);
    expect(compareOutput(true, false, 5).ok).toBe(false);
    expect(compareOutput("1", 1, 5).ok).toBe(false);
  });

  it("checks only the fields the expected object names, at any depth, and arrays element by element", () => {
    const answer = { label: ["setosa"], probabilities: [[0.97, 0.02, 0.01]] };
    expect(compareOutput(answer, { label: ["setosa"] }, 0).ok).toBe(true);
    expect(compareOutput(answer, { probabilities: [[1, 0, 0]] }, 0.05).ok).toBe(true);
    const wrong = compareOutput(answer, { probabilities: [[1, 0]] }, 0.05);
    expect(!wrong.ok && wrong.detail).toBe("/probabilities/0: expected 2 elements, got 3");
    const missing = compareOutput(answer, { score: 1 }, 0);
    expect(!missing.ok && missing.detail).toBe("/score: missing from the answer");
  });
});
