import { describe, expect, it } from "vitest";
import { chargebackCsv } from "@/lib/usage/chargeback-csv";

describe("chargebackCsv", () => {
  it("neutralises app and model names that a spreadsheet would run as formulas, keeping amounts numeric", () => {
    const csv = chargebackCsv("2026-11", [
      {
        businessUnit: { slug: "retail", name: "Retail" },
        totals: { calls: 3, costMicros: -1_500_000n, valueMicros: 0n },
        lines: [
          { model: "team/m", app: "-2+3+cmd|' /C calc'!A0", calls: 1, costMicros: -1_500_000n, valueMicros: 0n },
          { model: "team/m", app: "@SUM(A1:A2)", calls: 1, costMicros: 0n, valueMicros: 0n },
          { model: "team/m", app: "\t=1+1", calls: 1, costMicros: 0n, valueMicros: 0n },
        ],
      },
    ]);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[1]).toBe("2026-11,retail,team/m,'-2+3+cmd|' /C calc'!A0,1,-1500000,0,-1.500000,0.000000");
    expect(lines[2]).toBe("2026-11,retail,team/m,'@SUM(A1:A2),1,0,0,0.000000,0.000000");
    expect(lines[3]).toBe("2026-11,retail,team/m,'\t=1+1,1,0,0,0.000000,0.000000");
    expect(lines[4]).toBe("2026-11,retail,TOTAL,,3,-1500000,0,-1.500000,0.000000");
  });
});
