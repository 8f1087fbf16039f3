import { z } from "zod";

// A version's cost model (model_versions.costModel). Costs are integer micro-units.
export const costModelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("per_call"), microsPerCall: z.number().int().min(0) }),
  z.object({ kind: z.literal("compute_time"), hardwareClass: z.string().min(1) }),
  z.object({ kind: z.literal("tokens"), inputMicrosPer1k: z.number().int().min(0), outputMicrosPer1k: z.number().int().min(0) }),
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

/** Cost of one invocation in micros. An unreadable cost model costs nothing rather than failing the call. */
export function computeCost(input: CostInput): bigint {
  if (!input.ran) return BigInt(0);
  const parsed = costModelSchema.safeParse(input.costModel);
  if (!parsed.success) return BigInt(0);
  const model = parsed.data;
  switch (model.kind) {
    case "per_call":
      return BigInt(model.microsPerCall);
    case "compute_time": {
      const rate = input.hourlyRateMicros ?? BigInt(0);
      // rate per hour × ms / 3.6e6, rounded to the nearest micro; computed in floating point on the
      // product of two modest numbers (µs-scale precision is plenty for one call).
      return BigInt(Math.round((Number(rate) * Math.max(0, input.upstreamMs)) / 3_600_000));
    }
    case "tokens": {
      const tin = input.tokensIn ?? 0;
      const tout = input.tokensOut ?? 0;
      return BigInt(Math.round((tin * model.inputMicrosPer1k + tout * model.outputMicrosPer1k) / 1000));
    }
  }
}

/** The hardware class a cost model bills by, if it bills by compute time. */
export function hardwareClassOf(costModel: unknown): string | null {
  const parsed = costModelSchema.safeParse(costModel);
  return parsed.success && parsed.data.kind === "compute_time" ? parsed.data.hardwareClass : null;
}
