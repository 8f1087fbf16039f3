import { z } from "zod";

/**
 * The largest price anyone may declare, in micros: a cost model's per-call or per-1k-token price, a model's value
 * per call, a hardware class's hourly rate. 10^12 micros = 1,000,000 currency units (docs/dashboards.md).
 */
export const MAX_PRICE_MICROS = 1_000_000_000_000;

/**
 * The most one call is charged (cost) or credited (value), in micros: larger results (a huge token count from an
 * upstream, a price stored before the bounds existed) are clamped to it. 10^12 micros = 1,000,000 currency units,
 * so even 9 million such calls still sum within PostgreSQL's bigint.
 */
export const MAX_CALL_MICROS = 1_000_000_000_000n;

/** Clamps an amount to [0, MAX_CALL_MICROS]. */
export const clampCallMicros = (micros: bigint): bigint => (micros < 0n ? 0n : micros > MAX_CALL_MICROS ? MAX_CALL_MICROS : micros);

// A version's cost model as stored (model_versions.costModel). Read leniently: a price stored before the bounds of
// lib/publishing/schemas.ts existed still counts, clamped per call.
const price = z.number().int().min(0);
export const costModelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("per_call"), microsPerCall: price }),
  z.object({ kind: z.literal("compute_time"), hardwareClass: z.string().min(1) }),
  z.object({ kind: z.literal("tokens"), inputMicrosPer1k: price, outputMicrosPer1k: price }),
]);

export type CostModel = z.infer<typeof costModelSchema>;

export type CostInput = {
  costModel: unknown;
  /** Whether the model actually ran (no cost accrues for calls refused before reaching it). */
  ran: boolean;
  upstreamMs: number;
  tokensIn?: number | null;
  tokensOut?: number | null;
  /** Hourly rate (micros) of the cost model's hardware class effective at the call's time, if any. */
  hourlyRateMicros?: bigint | null;
};

/** A non-negative whole number from an untrusted count (an upstream's token usage, a duration in µs). */
const whole = (n: number | null | undefined): bigint =>
  n !== null && n !== undefined && Number.isFinite(n) && n > 0 ? BigInt(Math.round(n)) : 0n;

/** a / b rounded half up, for a ≥ 0 and b > 0. */
const divRound = (a: bigint, b: bigint): bigint => (a + b / 2n) / b;

/**
 * Cost of one invocation in micros, computed in exact integers and clamped to MAX_CALL_MICROS. An unreadable cost
 * model costs nothing rather than failing the call.
 */
export function computeCost(input: CostInput): bigint {
  if (!input.ran) return 0n;
  const parsed = costModelSchema.safeParse(input.costModel);
  if (!parsed.success) return 0n;
  const model = parsed.data;
  switch (model.kind) {
    case "per_call":
      return clampCallMicros(BigInt(model.microsPerCall));
    case "compute_time": {
      // rate per hour × the model's time in µs / 3.6e9 µs per hour, rounded to the nearest micro
      const rate = input.hourlyRateMicros ?? 0n;
      return clampCallMicros(divRound((rate < 0n ? 0n : rate) * whole(input.upstreamMs * 1000), 3_600_000_000n));
    }
    case "tokens":
      return clampCallMicros(
        divRound(whole(input.tokensIn) * BigInt(model.inputMicrosPer1k) + whole(input.tokensOut) * BigInt(model.outputMicrosPer1k), 1000n),
      );
  }
}

/** The hardware class a cost model bills by, if it bills by compute time. */
export function hardwareClassOf(costModel: unknown): string | null {
  const parsed = costModelSchema.safeParse(costModel);
  return parsed.success && parsed.data.kind === "compute_time" ? parsed.data.hardwareClass : null;
}
