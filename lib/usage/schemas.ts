import { z } from "zod";
import { Channel } from "@/lib/generated/prisma/enums";
import { MAX_PRICE_MICROS } from "@/lib/usage/compute-cost";

// The contract of the usage, ROI and chargeback routes (and of the dashboard pages' URL filters).

const DAY_MS = 24 * 3_600_000;

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe("ISO 8601 date or date-time (UTC when no offset)")
  .transform((s) => new Date(s));

const range = {
  from: instant.optional().describe("Start (inclusive), moved back to the start of its hour; default: 30 days before `to`"),
  to: instant.optional().describe("End (exclusive), moved on to the end of its hour (so the current hour counts in full); default: now"),
};

/** Fills the default range and checks it: from < to, at most 400 days, hourly series at most 31 days. */
function resolveRange<T extends { from?: Date; to?: Date; interval?: string }>(q: T, ctx: z.RefinementCtx) {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (!(from < to)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
  if (to.getTime() - from.getTime() > 400 * DAY_MS)
    ctx.addIssue({ code: "custom", path: ["from"], message: "the range may span at most 400 days" });
  if (q.interval === "hour" && to.getTime() - from.getTime() > 31 * DAY_MS) {
    ctx.addIssue({ code: "custom", path: ["interval"], message: "hourly series cover at most 31 days; use day or week" });
  }
  return { ...q, from, to };
}

export const usageGroupBy = z.enum(["model", "version", "app", "business_unit", "channel"]);
export const intervalSchema = z.enum(["hour", "day", "week"]);
export const channelSchema = z.enum(Channel).describe("The door the calls came through");
export type ChannelName = z.infer<typeof channelSchema>;

/** How each channel (the door a call came through) is named on the dashboards. */
export const CHANNEL_LABELS: Record<ChannelName, string> = {
  api: "API",
  console: "Console",
  mcp: "MCP (agents)",
  openai: "OpenAI-compatible (/v1)",
  oip: "Open Inference Protocol (/oip)",
  shadow: "Shadow (mirrored to a candidate)",
};

export const usageQueryShape = z.object({
  ...range,
  groupBy: usageGroupBy.default("model"),
  interval: intervalSchema.default("day"),
  model: z.string().min(1).max(200).optional().describe("Model slug"),
  version: z.uuid().optional().describe("Version id"),
  app: z.uuid().optional().describe("App id"),
  businessUnit: z.string().min(1).max(100).optional().describe("Consuming business unit slug"),
  channel: channelSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe("Page of `groups` (sorted by calls, most first)"),
  pageSize: z.coerce.number().int().min(1).max(200).default(25).describe("Groups per page"),
});
export const usageQuerySchema = usageQueryShape.transform((q, ctx) => resolveRange(q, ctx));
export type UsageQuery = z.output<typeof usageQuerySchema>;

export const roiGroupBy = z.enum(["model", "version", "app", "business_unit", "owner_business_unit"]);
export const roiQueryShape = z.object({
  ...range,
  groupBy: roiGroupBy
    .default("business_unit")
    .describe("business_unit = consuming unit (charged); owner_business_unit = unit owning the model (what its models earn)"),
  interval: z.enum(["day", "week"]).default("day"),
});
export const roiQuerySchema = roiQueryShape.transform((q, ctx) => resolveRange(q, ctx));
export type RoiQuery = z.output<typeof roiQuerySchema>;

export const chargebackQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must look like YYYY-MM"),
  businessUnit: z.string().min(1).max(100).optional().describe("Business unit slug; default: every unit the caller may see"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type ChargebackQuery = z.output<typeof chargebackQuerySchema>;

const money = z.union([z.number(), z.string()]).describe("Integer micro-units (1 unit = 1,000,000)");
const percentiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });
const stats = z.object({
  calls: z.number(),
  errors: z.number(),
  errorRate: z.number().nullable(),
  costMicros: money,
  valueMicros: money,
  latencyMs: z.object({ total: percentiles, gateway: percentiles, model: percentiles }),
});

export const usageResponseSchema = z.object({
  from: z.string().describe("Start of the range counted (whole hours)"),
  to: z.string().describe("End of the range counted (whole hours)"),
  interval: intervalSchema,
  groupBy: usageGroupBy,
  totals: stats,
  series: z.array(stats.extend({ period: z.string() })),
  groups: z.array(stats.extend({ key: z.string(), label: z.string() })).describe("One page of groups, most calls first"),
  page: z.number(),
  pageSize: z.number(),
  groupCount: z.number().describe("Groups over all pages"),
});

const roiFigures = z.object({ calls: z.number(), costMicros: money, valueMicros: money, netMicros: money, roi: z.number().nullable() });
export const roiResponseSchema = z.object({
  from: z.string().describe("Start of the range counted (whole hours)"),
  to: z.string().describe("End of the range counted (whole hours)"),
  groupBy: roiGroupBy,
  totals: roiFigures,
  trend: z.array(roiFigures.extend({ period: z.string() })),
  groups: z.array(roiFigures.extend({ key: z.string(), label: z.string(), expectedValueMicros: money.nullable() })),
});

export const chargebackLineSchema = z.object({
  model: z.string(),
  app: z.string(),
  calls: z.number(),
  costMicros: money,
  valueMicros: money,
});
export const chargebackResponseSchema = z.object({
  month: z.string(),
  statements: z.array(
    z.object({
      businessUnit: z.object({ slug: z.string().nullable(), name: z.string() }),
      totals: chargebackLineSchema.omit({ model: true, app: true }),
      lines: z.array(chargebackLineSchema),
    }),
  ),
});

export const hardwareRateInputSchema = z.object({
  hardwareClass: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, . _ -"),
  hourlyRate: z.coerce
    .number()
    .nonnegative()
    .max(MAX_PRICE_MICROS / 1_000_000, {
      message: `at most ${(MAX_PRICE_MICROS / 1_000_000).toLocaleString("en-US")} currency units an hour`,
    })
    .describe("Price per hour in currency units"),
  effectiveFrom: instant,
});
export type HardwareRateInput = z.output<typeof hardwareRateInputSchema>;
