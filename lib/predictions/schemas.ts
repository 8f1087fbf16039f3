import { z } from "zod";

// The contract of async predictions (issue 15 §4): the prediction object, the list query and the webhook
// options an async invoke call may carry.

export const PREDICTION_STATUSES = ["starting", "processing", "succeeded", "failed", "canceled"] as const;
export const predictionStatus = z.enum(PREDICTION_STATUSES).describe("starting → processing → succeeded | failed | canceled");
export const FINISHED_STATUSES: readonly string[] = ["succeeded", "failed", "canceled"];

export const PREDICTION_EVENTS = ["start", "output", "completed"] as const;
export type PredictionEvent = (typeof PREDICTION_EVENTS)[number];

export const predictionSchema = z.object({
  id: z.uuid(),
  status: predictionStatus,
  model: z.string().describe("owner/name"),
  version: z.string(),
  input: z.unknown().describe("The input as sent; null once purged after the retention period"),
  output: z.unknown().describe("The model's output once succeeded; null before, on failure, and once purged"),
  error: z.string().nullable().describe("Why it failed or was canceled"),
  errorCode: z.string().nullable().describe("The error code a synchronous call would have answered"),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  inputPurgedAt: z.string().nullable().describe("When input and output were deleted (retention)"),
  metrics: z.object({ predictTimeMs: z.number().nullable().describe("Time from the start of the run to its end") }),
  webhook: z.string().nullable(),
  webhookEventsFilter: z.array(z.enum(PREDICTION_EVENTS)),
  urls: z.object({ get: z.string(), cancel: z.string() }),
});
export type PredictionView = z.infer<typeof predictionSchema>;

/** The 202 answer: the prediction, and once (like an API key) the secret its webhook deliveries are signed with. */
export const acceptedPredictionSchema = predictionSchema.extend({
  webhookSecret: z
    .string()
    .optional()
    .describe("Only in the 202 and only with a webhook: verify X-Modelport-Signature with it (HMAC-SHA256 of `${timestamp}.${body}`)"),
});

export const predictionParams = z.object({ id: z.uuid().describe("Prediction id") });

export const listPredictionsQuery = z.object({
  status: predictionStatus.optional(),
  cursor: z.uuid().optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListPredictionsQuery = z.infer<typeof listPredictionsQuery>;

export const predictionListSchema = z.object({
  predictions: z.array(predictionSchema),
  nextCursor: z.uuid().nullable().describe("Pass as cursor for the next (older) page; null on the last"),
});

const eventsFilter = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const events = [
      ...new Set(
        s
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean),
      ),
    ];
    const bad = events.find((e) => !(PREDICTION_EVENTS as readonly string[]).includes(e));
    if (bad || events.length === 0) {
      ctx.addIssue({ code: "custom", message: `events are a comma list of ${PREDICTION_EVENTS.join(", ")}` });
      return z.NEVER;
    }
    return events as PredictionEvent[];
  });

/** Webhook options of an async call, checked when the call is async (`readPredictionWebhook`). */
export const predictionWebhookOptions = z.object({
  webhook: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  webhook_events_filter: eventsFilter.optional(),
});

/**
 * The same options as the invoke routes' query documents them. Plain strings here: a synchronous call ignores
 * them (as the gateway door does), an async one is refused (400) when they are invalid.
 */
export const predictionWebhookQuery = z.object({
  webhook: z
    .string()
    .max(2000)
    .optional()
    .describe("With `Prefer: respond-async`: an http(s) URL to POST the prediction to on its events (also header X-Webhook-Url)"),
  webhook_events_filter: z
    .string()
    .max(100)
    .optional()
    .describe("Comma list of start, output, completed (default: all; also header X-Webhook-Events-Filter)"),
});
