import { z } from "zod";

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
