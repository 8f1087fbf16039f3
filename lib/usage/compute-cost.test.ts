import { describe, expect, it } from "vitest";
import { computeCost, hardwareClassOf } from "./compute-cost";

describe("computeCost", () => {
  it("charges a flat price per call that reached the model", () => {
    expect(computeCost({ costModel: { kind: "per_call", microsPerCall: 1500 }, ran: true, upstreamMs: 3 })).toBe(BigInt(1500));
    expect(computeCost({ costModel: { kind: "per_call", microsPerCall: 1500 }, ran: false, upstreamMs: 0 })).toBe(BigInt(0));
  });

  it("charges compute time at the hourly hardware rate", () => {
    // 3.6 units/hour = 3_600_000 micros/hour = 1 micro per ms; 250 ms → 250 micros
    expect(computeCost({ costModel: { kind: "compute_time", hardwareClass: "gpu.small" }, ran: true, upstreamMs: 250, hourlyRateMicros: BigInt(3_600_000) })).toBe(BigInt(250));
    expect(hardwareClassOf({ kind: "compute_time", hardwareClass: "gpu.small" })).toBe("gpu.small");
    expect(hardwareClassOf({ kind: "per_call", microsPerCall: 1 })).toBeNull();
  });

  it("charges tokens per thousand, input and output priced apart", () => {
    expect(computeCost({ costModel: { kind: "tokens", inputMicrosPer1k: 500, outputMicrosPer1k: 1500 }, ran: true, upstreamMs: 1, tokensIn: 2000, tokensOut: 100 })).toBe(BigInt(1150));
  });

  it("costs nothing for an unreadable cost model", () => {
    expect(computeCost({ costModel: { kind: "magic" }, ran: true, upstreamMs: 5 })).toBe(BigInt(0));
  });
});
