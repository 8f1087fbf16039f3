import "server-only";
import { Counter } from "prom-client";
import { AppError } from "@/lib/server/errors";
import { pool } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { once } from "@/lib/server/metrics";
import { loadVersionConfig } from "@/lib/gateway/load-version-config";
import { runVersion } from "@/lib/gateway/runtimes/run-version";
import { validateOutput } from "@/lib/gateway/validate-input";
import { computeCost, hardwareClassOf } from "@/lib/usage/compute-cost";
import { hardwareRateAt } from "@/lib/usage/recorder/hardware-rate-at";
import { recordInvocation } from "@/lib/usage/recorder/record-invocation";
import { compareAnswers } from "@/lib/rollouts/compare-answers";
import { loadShadow } from "@/lib/rollouts/load-rollout";

/** What the serving call left for its shadow: the validated input and how the serving version answered. */
export type ServedCall = {
  modelId: string;
  servingVersionId: string;
  requestId: string;
  input: unknown;
  output: unknown;
  servingMs: number;
  servingError: string | null;
};

// Shadows run beside live traffic, never in front of it: at most this many candidate calls are in flight per
// process; a call that would exceed it is dropped (counted) rather than queued behind the others.
const maxInFlight = () => Number(process.env.MODELPORT_SHADOW_CONCURRENCY ?? 4);
let inFlight = 0;
const pending = new Set<Promise<void>>();

const shadowCalls = once(
  "modelport_shadow_calls_total",
  () =>
    new Counter({
      name: "modelport_shadow_calls_total",
      help: "Live calls mirrored to a shadow candidate, by outcome (run, dropped when too many were in flight).",
      labelNames: ["outcome"] as const,
    }),
);

/**
 * After a live call has been answered: if its model has a shadow and the dice say so, runs the same input on the
 * candidate off the request path, records it (channel `shadow`, cost counted, value 0, no app: the model's
 * owners run the experiment, not the calling app) and stores the comparison. Never throws, never awaited.
 */
export function mirrorToShadow(call: ServedCall): void {
  loadShadow(call.modelId)
    .then((shadow) => {
      if (!shadow || shadow.candidateVersionId === call.servingVersionId) return;
      if (shadow.candidateStatus !== "pending_review" && shadow.candidateStatus !== "approved") return;
      if (Math.random() * 100 >= shadow.percent) return;
      if (inFlight >= maxInFlight()) {
        shadowCalls.inc({ outcome: "dropped" });
        return;
      }
      inFlight++;
      shadowCalls.inc({ outcome: "run" });
      const run = runShadow(call, shadow.candidateVersionId, shadow.candidateUpdatedAt).finally(() => {
        inFlight--;
        pending.delete(run);
      });
      pending.add(run);
    })
    .catch((error: unknown) => log().error({ requestId: call.requestId, err: error }, "shadow lookup failed"));
}

/** Waits for the shadow calls in flight (tests; a graceful stop). */
export async function shadowsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

async function runShadow(call: ServedCall, candidateVersionId: string, updatedAt: Date): Promise<void> {
  const at = new Date();
  const started = performance.now();
  let output: unknown = null;
  let error: string | null = null;
  let status = 200;
  let upstreamMs = 0;
  let tokensIn: number | null = null;
  let tokensOut: number | null = null;
  let ran = false;
  let costModel: unknown = null;
  try {
    const config = await loadVersionConfig(candidateVersionId, updatedAt);
    costModel = config.costModel;
    const result = await runVersion({ config, input: call.input, requestId: `${call.requestId}:shadow` });
    ran = true;
    upstreamMs = result.upstreamMs;
    tokensIn = result.tokensIn ?? null;
    tokensOut = result.tokensOut ?? null;
    validateOutput(config.outputSchema, result.output);
    output = result.output;
  } catch (e) {
    error = e instanceof AppError ? e.code : "internal_error";
    status = e instanceof AppError ? e.status : 500;
    if (!ran) upstreamMs = performance.now() - started;
  }
  const candidateMs = performance.now() - started;
  try {
    const hardwareClass = hardwareClassOf(costModel);
    const costMicros = computeCost({
      costModel,
      ran,
      upstreamMs,
      tokensIn,
      tokensOut,
      hourlyRateMicros: hardwareClass ? await hardwareRateAt(hardwareClass, at) : null,
    });
    await recordInvocation({
      at,
      requestId: `${call.requestId}:shadow`,
      modelId: call.modelId,
      versionId: candidateVersionId,
      appId: null,
      apiKeyId: null,
      userId: null,
      channel: "shadow",
      statusCode: status,
      errorCode: error,
      gatewayMs: Math.max(0, candidateMs - upstreamMs),
      upstreamMs,
      bytesIn: 0,
      bytesOut: output === null ? 0 : Buffer.byteLength(JSON.stringify(output)),
      tokensIn,
      tokensOut,
      costMicros,
      valueMicros: BigInt(0),
    });
    const both = !error && !call.servingError;
    const { agreement, absDiff } = both ? compareAnswers(call.output, output) : { agreement: null, absDiff: null };
    await pool().query(
      `INSERT INTO shadow_comparisons ("at", "modelId", "servingVersionId", "candidateVersionId", "requestId", agreement, "absDiff",
         "servingMs", "candidateMs", "servingError", "candidateError")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        at,
        call.modelId,
        call.servingVersionId,
        candidateVersionId,
        call.requestId,
        agreement,
        absDiff,
        call.servingMs,
        candidateMs,
        call.servingError,
        error,
      ],
    );
  } catch (e) {
    log().error({ requestId: call.requestId, err: e }, "could not record a shadow call");
  }
}
