import { z } from "zod";

// The ground-truth contract: POST /api/v1/feedback and GET …/versions/{v}/quality.

export const MAX_FEEDBACK_ITEMS = 1000;

export const feedbackItem = z.object({
  requestId: z.string().min(1).max(200).describe("the x-request-id / requestId of the recorded call"),
  actual: z.union([z.string().max(200), z.number(), z.boolean()]).describe("the true label (classifiers) or value (regressors)"),
});

export const feedbackBody = z.union([
  feedbackItem,
  z.object({ items: z.array(feedbackItem).min(1).describe(`up to ${MAX_FEEDBACK_ITEMS} items (422 above)`) }),
]);
export type FeedbackBody = z.infer<typeof feedbackBody>;

export const FEEDBACK_REASONS = ["not_found", "invalid_actual"] as const;

export const feedbackItemResult = z.object({
  requestId: z.string(),
  matched: z.boolean().describe("joined to a recorded, scored call and stored (replacing earlier feedback for it)"),
  reason: z.enum(FEEDBACK_REASONS).optional().describe("why not: no scored call of yours with that id, or an actual of the wrong kind"),
  correct: z.boolean().optional().describe("classifiers: the prediction was right"),
  absoluteError: z.number().optional().describe("regressors: |actual − predicted|"),
});
export const feedbackResult = z.object({ matched: z.number().int(), items: z.array(feedbackItemResult) });
export type FeedbackItemResult = z.infer<typeof feedbackItemResult>;

export const qualityQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe("default: 7 days before `to`"),
  to: z.iso.datetime({ offset: true }).optional().describe("default: now"),
  granularity: z.enum(["hour", "day"]).optional().describe("series buckets; default hour up to 2 days, day above"),
});

const classQuality = z.object({
  label: z.string(),
  support: z.number().int().describe("feedback whose actual is this class"),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});

export const qualityPoint = z.object({
  bucket: z.string(),
  feedback: z.number().int(),
  accuracy: z.number().nullable(),
  mae: z.number().nullable(),
  rmse: z.number().nullable(),
});

export const versionQuality = z.object({
  kind: z.enum(["classification", "regression"]).nullable().describe("null: the version does not collect ground truth"),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(["hour", "day"]),
  scoredCalls: z.number().int().describe("calls whose prediction was kept for scoring"),
  feedback: z.number().int().describe("of those, calls with feedback"),
  accuracy: z.number().nullable(),
  referenceAccuracy: z.number().nullable(),
  classes: z.array(classQuality),
  mae: z.number().nullable(),
  rmse: z.number().nullable(),
  series: z.array(qualityPoint),
});
export type VersionQuality = z.infer<typeof versionQuality>;
