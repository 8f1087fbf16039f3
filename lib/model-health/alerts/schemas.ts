import { z } from "zod";

// The alerts contract: GET …/alerts and GET/PUT …/versions/{v}/health-settings.

export const alertsQuery = z.object({
  state: z.enum(["open", "resolved", "all"]).optional().describe("default all"),
  version: z.string().min(1).max(100).optional(),
});

export const alertView = z.object({
  id: z.uuid(),
  version: z.string(),
  rule: z.string().describe("accuracy, error_rate, latency_p95, cost_per_day, …"),
  severity: z.enum(["failing", "warning"]),
  status: z.enum(["open", "resolved"]),
  figure: z.number().describe("the figure when it opened"),
  threshold: z.number(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedFigure: z.number().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

export const alertList = z.object({
  healthStatus: z.enum(["healthy", "warning", "failing", "unknown"]),
  items: z.array(alertView).describe("newest first, at most 200"),
});

export const healthSettingsBody = z.object({
  qualityKind: z
    .enum(["classification", "regression"])
    .nullable()
    .optional()
    .describe("collect ground truth: keep each single-row answer's label or value for feedback; null stops"),
  referenceAccuracy: z.number().min(0).max(1).nullable().optional().describe("the evaluation accuracy (0–1); null: the card's"),
  thresholds: z
    .record(z.string().max(50), z.number().min(0).max(1_000_000))
    .optional()
    .describe("per rule, replacing the stored ones (rules not given use the defaults)"),
});
export type HealthSettingsBody = z.infer<typeof healthSettingsBody>;

export const healthSettingsView = z.object({
  qualityKind: z.enum(["classification", "regression"]).nullable(),
  referenceAccuracy: z.number().nullable().describe("the owner's figure"),
  effectiveReferenceAccuracy: z.number().nullable().describe("the owner's figure, else the card's evaluation"),
  rules: z.array(
    z.object({
      rule: z.string(),
      setting: z.string().describe("what the number means"),
      severity: z.enum(["failing", "warning"]),
      value: z.number(),
      default: z.number(),
    }),
  ),
});
export type HealthSettingsView = z.infer<typeof healthSettingsView>;
