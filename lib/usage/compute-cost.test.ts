import { describe, expect, it } from "vitest";
import { computeCost, hardwareClassOf, MAX_CALL_MICROS } from "./compute-cost";

describe("computeCost", () => {
  it("charges a flat price per call that reached the model", () => {
    expect(computeCost({ costModel: { kind: "per_call", microsPerCall: 1500 }, ran: true, upstreamMs: 3 })).toBe(BigInt(1500));
    expect(computeCost({ costModel: { kind: "per_call", microsPerCall: 1500 }, ran: false, upstreamMs: 0 })).toBe(BigInt(0));
  });

  it("charges compute time at the hourly hardware rate", () => {
    // 3.6 units/hour = 3_600_000 micros/hour = 1 micro per ms; 250 ms → 250 micros
    expect(
      computeCost({
        costModel: { kind: "compute_time", hardwareClass: "gpu.small" },
        ran: true,
        upstreamMs: 250,
        hourlyRateMicros: BigInt(3_600_000),
      }),
    ).toBe(BigInt(250));
    expect(
      computeCost({
        costModel: { kind: "compute_time", hardwareClass: "gpu.small" },
        ran: true,
        upstreamMs: 0.4994,
        hourlyRateMicros: BigInt(3_600_000),
      }),
    ).toBe(0n);
    expect(
      computeCost({
        costModel: { kind: "compute_time", hardwareClass: "gpu.small" },
        ran: true,
        upstreamMs: 0.5,
        hourlyRateMicros: BigInt(3_600_000),
      }),
    ).toBe(1n);
    expect(hardwareClassOf({ kind: "compute_time", hardwareClass: "gpu.small" })).toBe("gpu.small");
    expect(hardwareClassOf({ kind: "per_call", microsPerCall: 1 })).toBeNull();
  });

  it("charges tokens per thousand, input and output priced apart", () => {
    expect(
      computeCost({
        costModel: { kind: "tokens", inputMicrosPer1k: 500, outputMicrosPer1k: 1500 },
        ran: true,
        upstreamMs: 1,
        tokensIn: 2000,
        tokensOut: 100,
      }),
    ).toBe(BigInt(1150));
  });

  it("computes in exact integers and clamps a call to the documented maximum (issue 13: 2^53 − 1 per 1k × 600,000 tokens)", () => {
    const huge = { kind: "tokens", inputMicrosPer1k: Number.MAX_SAFE_INTEGER, outputMicrosPer1k: Number.MAX_SAFE_INTEGER };
    expect(computeCost({ costModel: huge, ran: true, upstreamMs: 1, tokensIn: 600_000, tokensOut: 600_000 })).toBe(MAX_CALL_MICROS);
    expect(computeCost({ costModel: { kind: "per_call", microsPerCall: Number.MAX_SAFE_INTEGER }, ran: true, upstreamMs: 1 })).toBe(
      MAX_CALL_MICROS,
    );
    expect(
      computeCost({ costModel: { kind: "compute_time", hardwareClass: "x" }, ran: true, upstreamMs: 1e12, hourlyRateMicros: 10n ** 18n }),
    ).toBe(MAX_CALL_MICROS);
    // Below the clamp: exact, rounded half up (333,333,333,333 × 2,999 / 1,000 = 999,666,666,665.667).
    expect(
      computeCost({
        costModel: { kind: "tokens", inputMicrosPer1k: 333_333_333_333, outputMicrosPer1k: 0 },
        ran: true,
        upstreamMs: 1,
        tokensIn: 2999,
      }),
    ).toBe(999_666_666_666n);
    expect(
      computeCost({
        costModel: { kind: "tokens", inputMicrosPer1k: 5, outputMicrosPer1k: 5 },
        ran: true,
        upstreamMs: 1,
        tokensIn: -7,
        tokensOut: Number.NaN,
      }),
    ).toBe(0n);
  });

  it("costs nothing for an unreadable cost model", () => {
    expect(computeCost({ costModel: { kind: "magic" }, ran: true, upstreamMs: 5 })).toBe(BigInt(0));
  });
});
