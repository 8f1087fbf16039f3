import { z } from "zod";
import { alertView } from "@/lib/model-health/alerts/schemas";
import { versionQuality } from "@/lib/model-health/feedback/schemas";
import { AppError } from "@/lib/server/errors";

export const healthVersionParams = z.object({ owner: z.string().min(1), name: z.string().min(1), version: z.string().min(1) });

export const captureSettingsBody = z
  .object({
    captureRate: z.number().min(0).max(1).optional().describe("Share of successful calls captured (0 turns capture off)"),
    redactFields: z
      .array(z.string().min(1).max(200))
      .max(100)
      .optional()
      .describe("Field names whose values are replaced before a capture is stored"),
  })
  .strict();
export type CaptureSettingsBody = z.infer<typeof captureSettingsBody>;

export const captureSettingsSchema = z.object({
  captureRate: z.number(),
  redactFields: z.array(z.string()),
  retentionDays: z.number(),
});

export const capturesQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(["json", "jsonl"]).default("json"),
});
export type CapturesQuery = z.infer<typeof capturesQuery>;

export const captureItem = z.object({
  id: z.string(),
  requestId: z.string(),
  at: z.string(),
  input: z.unknown(),
  output: z.unknown(),
});
export const capturesPage = z.object({ items: z.array(captureItem), total: z.number(), page: z.number(), pageSize: z.number() });

export const referenceQuery = z.object({
  fileName: z.string().max(200).optional().describe("The dataset's file name, kept with the profile"),
});

export const featureProfileSchema = z.object({
  key: z.string(),
  name: z.string(),
  role: z.enum(["input", "output"]),
  type: z.enum(["numeric", "categorical"]),
  count: z.number(),
  missingRate: z.number(),
  edges: z.array(z.number()).optional(),
  binCounts: z.array(z.number()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  mean: z.number().optional(),
  std: z.number().optional(),
  categories: z.record(z.string(), z.number()).optional(),
});

export const referenceSchema = z.object({
  source: z.enum(["upload", "captures"]),
  fileName: z.string().nullable(),
  rowCount: z.number(),
  createdAt: z.string(),
  features: z.array(featureProfileSchema),
  ignoredColumns: z.array(z.string()).optional(),
});

/** The dataset format a Content-Type names (415 for anything else). */
export function datasetFormatOf(contentType: string | null): "csv" | "jsonl" {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (["application/jsonl", "application/x-ndjson", "application/json-lines", "application/x-jsonlines"].includes(type)) return "jsonl";
  throw new AppError("unsupported_media_type", "Send the dataset as text/csv or application/jsonl.");
}

export const healthQuery = z.object({
  from: z.coerce.date().optional().describe("Start of the window (ISO 8601); default 7 days before `to`"),
  to: z.coerce.date().optional().describe("End of the window (ISO 8601); default now"),
});

const driftFigure = { metric: z.enum(["psi", "jensen_shannon"]), value: z.number().nullable(), n: z.number() };
const driftPoint = z.object({ at: z.string(), ...driftFigure });

export const versionHealthSchema = z.object({
  model: z.string(),
  version: z.string(),
  versionId: z.string(),
  from: z.string(),
  to: z.string(),
  reference: referenceSchema.nullable().describe("Null until a dataset is uploaded or enough calls are captured"),
  capture: captureSettingsSchema.extend({ capturedInWindow: z.number() }),
  drift: z.array(
    z.object({
      feature: z.string(),
      key: z.string(),
      role: z.enum(["input", "output"]),
      type: z.enum(["numeric", "categorical"]),
      ...driftFigure,
      hourly: z.array(driftPoint),
      daily: z.array(driftPoint),
    }),
  ),
  violations: z.array(
    z.object({
      feature: z.string(),
      role: z.enum(["input", "output"]),
      check: z.enum(["missing_rate", "type_mismatch", "out_of_range", "new_category"]),
      count: z.number(),
      observed: z.number(),
      reference: z.number().nullable(),
      message: z.string(),
    }),
  ),
  traffic: z.object({
    calls: z.number(),
    errors: z.number(),
    errorRate: z.number().nullable(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
  }),
  quality: versionQuality
    .nullable()
    .describe("Live quality from feedback; null for callers outside the owning team, reviewers, admins and executives"),
  alerts: z.array(alertView).nullable().describe("The version's alerts, newest first; null like quality"),
});
