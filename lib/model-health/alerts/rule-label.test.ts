import { describe, expect, it } from "vitest";
import { formatFigure, ruleLabel } from "@/lib/model-health/alerts/rule-label";

describe("rule labels and figures", () => {
  it("names rules in words and shows figures in their units", () => {
    expect([ruleLabel("cost_per_day"), ruleLabel("drift_psi_max")]).toEqual(["cost per day", "drift psi max"]);
    expect(formatFigure("accuracy", 0.343)).toBe("34.3 %");
    expect(formatFigure("latency_p95", 41.6)).toBe("42 ms");
    expect(formatFigure("cost_per_day", 2_500_000)).toBe("$2.50");
    expect(formatFigure("drift_psi_max", 0.25)).toBe("0.250");
  });
});
