import "server-only";
import { randomBytes } from "node:crypto";
import type { Caller } from "@/lib/auth/principal";
import type { AdmittedCall } from "@/lib/gateway/invoke-model";
import type { Prisma } from "@/lib/generated/prisma/client";
import { predictionSelect, predictionView } from "@/lib/predictions/prediction-view";
import { kickPrediction } from "@/lib/predictions/run-predictions";
import { PREDICTION_EVENTS, predictionWebhookOptions, type PredictionEvent } from "@/lib/predictions/schemas";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

export type PredictionWebhook = { url: string; events: PredictionEvent[] } | null;

/** The webhook options of an async call: query `webhook` / `webhook_events_filter`, or X-Webhook-Url / X-Webhook-Events-Filter. */
export function readPredictionWebhook(search: URLSearchParams, headers: Headers): PredictionWebhook {
  const parsed = predictionWebhookOptions.safeParse({
    webhook: search.get("webhook") ?? headers.get("x-webhook-url") ?? undefined,
    webhook_events_filter: search.get("webhook_events_filter") ?? headers.get("x-webhook-events-filter") ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("validation_failed", `Invalid webhook option ${issue.path.join(".")}: ${issue.message}.`);
  }
  const { webhook, webhook_events_filter } = parsed.data;
  if (!webhook) return null;
  return { url: webhook, events: webhook_events_filter ?? [...PREDICTION_EVENTS] };
}

/**
 * The `defer` of an async invoke call (lib/gateway/invoke-model.ts): stores the admitted call as a `starting`
 * prediction (the 202 is answered only after this commit), then starts its run in this process at once; the
 * prediction worker picks up whatever this process does not finish.
 */
export function acceptPrediction(ctx: { caller: Caller; requestId: string; webhook: PredictionWebhook }) {
  return async ({ target, input }: AdmittedCall): Promise<{ location: string; body: unknown }> => {
    const { caller, requestId, webhook } = ctx;
    const webhookSecret = webhook ? `whsec_${randomBytes(24).toString("hex")}` : null;
    const row = await db.prediction.create({
      data: {
        modelId: target.model.id,
        versionId: target.version.id,
        apiKeyId: caller.kind === "key" ? caller.key.keyId : null,
        appId: caller.kind === "key" ? caller.key.appId : null,
        userId: caller.kind === "key" ? caller.key.creator.id : caller.kind === "user" ? caller.user.id : null,
        channel: caller.kind === "key" ? "api" : "console",
        requestId,
        input: input as Prisma.InputJsonValue,
        webhookUrl: webhook?.url ?? null,
        webhookEvents: webhook?.events ?? [],
        webhookSecret,
      },
      select: predictionSelect,
    });
    kickPrediction(row.id);
    const view = predictionView(row);
    return { location: view.urls.get, body: webhookSecret ? { ...view, webhookSecret } : view };
  };
}
