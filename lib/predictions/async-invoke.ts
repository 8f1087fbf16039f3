import "server-only";
import type { NextRequest } from "next/server";
import type { Caller } from "@/lib/auth/principal";
import type { InvokeInput } from "@/lib/gateway/invoke-model";
import { acceptPrediction, readPredictionWebhook } from "@/lib/predictions/accept-prediction";
import { prefersAsync } from "@/lib/predictions/prefer";

/**
 * The invoke routes' async switch: with `Prefer: respond-async` the call is admitted as usual and then queued
 * as a prediction (202); without it, undefined (a synchronous call). A bad webhook option is refused (400)
 * before the model is even looked up.
 */
export function asyncInvoke(req: NextRequest, caller: Caller, requestId: string): InvokeInput["defer"] {
  if (!prefersAsync(req.headers.get("prefer"))) return undefined;
  const webhook = readPredictionWebhook(req.nextUrl.searchParams, req.headers);
  return acceptPrediction({ caller, requestId, webhook });
}
