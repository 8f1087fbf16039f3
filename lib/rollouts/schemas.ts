import { z } from "zod";

// The shadow and canary contract (lib/rollouts).

export const shadowBody = z
  .object({
    version: z.string().min(1).max(100).describe("the candidate version (pending review or approved), exact semver"),
    percent: z.number().int().min(0).max(100).describe("share of the model's live calls mirrored to it, 0–100"),
  })
  .strict();
export type ShadowBody = z.infer<typeof shadowBody>;

export const latencySchema = z.object({ p50: z.number().nullable(), p95: z.number().nullable() }).describe("milliseconds");

export const shadowFiguresSchema = z.object({
  since: z.string().describe("the figures cover comparisons from here on (the last 7 days at most)"),
  comparisons: z.number().int().describe("mirrored calls compared"),
  agreementRate: z.number().nullable().describe("share of comparisons whose labels agree (null: no labels)"),
  meanAbsDiff: z.number().nullable().describe("mean absolute difference of the numeric outputs"),
  servingLatencyMs: latencySchema,
  candidateLatencyMs: latencySchema,
  servingErrors: z.number().int(),
  candidateErrors: z.number().int(),
});
export type ShadowFigures = z.infer<typeof shadowFiguresSchema>;

export const shadowViewSchema = z.object({
  shadow: z
    .object({
      version: z.string(),
      status: z.string(),
      percent: z.number().int(),
      setBy: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  figures: shadowFiguresSchema.nullable().describe("for the current candidate; null without a shadow"),
});
export type ShadowView = z.infer<typeof shadowViewSchema>;

export const canaryBody = z
  .object({
    stable: z.string().min(1).max(100).describe("the approved version most calls keep going to"),
    canary: z.string().min(1).max(100).describe("the approved version tried on a share of the calls"),
    weight: z.number().int().min(0).max(100).describe("share of range and latest calls sent to the canary, 0–100"),
  })
  .strict();
export type CanaryBody = z.infer<typeof canaryBody>;

const versionFigures = z.object({
  calls: z.number().int(),
  errors: z.number().int().describe("server errors (5xx)"),
  errorRate: z.number().nullable(),
  p95Ms: z.number().nullable().describe("gateway + upstream, milliseconds"),
});

export const canaryViewSchema = z.object({
  canary: z
    .object({
      stable: z.string(),
      canary: z.string(),
      weight: z.number().int(),
      updatedAt: z.string(),
      rolledBackAt: z
        .string()
        .nullable()
        .describe("when the guard set the weight to 0 (error rate > 5 % or p95 > 2× the stable's and 10 ms more)"),
      rollbackReason: z.string().nullable(),
    })
    .nullable(),
  figures: z
    .object({ since: z.string(), stable: versionFigures, canary: versionFigures })
    .nullable()
    .describe("the window the guard judges: the last minutes since the canary was set"),
});
export type CanaryView = z.infer<typeof canaryViewSchema>;
