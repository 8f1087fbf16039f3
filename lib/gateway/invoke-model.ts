import "server-only";
import type { ModelViewer } from "@/lib/catalog/model-visibility";
import { assertWithinBudgets } from "@/lib/budgets/enforce-budgets";
import { authorizeInvocation } from "@/lib/gateway/authorize-invocation";
import { loadVersionConfig, type VersionConfig } from "@/lib/gateway/load-version-config";
import { consumeRateLimit } from "@/lib/gateway/rate-limit";
import { readInvokeBody, type InvokeBody } from "@/lib/gateway/read-invoke-body";
import { resolveVersion, type ResolvedTarget, type VersionSelector } from "@/lib/gateway/resolve-version";
import { runVersion } from "@/lib/gateway/runtimes/run-version";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";
import { validateInput, validateOutput } from "@/lib/gateway/validate-input";
import type { Caller } from "@/lib/auth/principal";
import { AppError } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { SpanStatusCode, traced, tracingActive } from "@/lib/server/tracing";
import type { Span } from "@opentelemetry/api";
import { gatewayDuration, gatewayErrors, gatewayRequests, statusClass } from "@/lib/server/metrics";
import { errorParts, JSON_CONTENT_TYPE, stringifyJson, type ResponseParts } from "@/lib/http/respond";
import { computeCost, hardwareClassOf } from "@/lib/usage/compute-cost";
import { hardwareRateAt } from "@/lib/usage/recorder/hardware-rate-at";
import { recordInvocation, recorderStats } from "@/lib/usage/recorder/record-invocation";
import { captureCall } from "@/lib/model-health/capture-buffer";
import { mirrorToShadow } from "@/lib/rollouts/shadow-mirror";
import { applyCanary } from "@/lib/rollouts/apply-canary";
import { rememberPrediction } from "@/lib/model-health/feedback/record-prediction";
import type { Channel } from "@/lib/generated/prisma/enums";

export type InvokeInput = {
  /** The body as it arrives, or already read by a door that had to look inside it (e.g. for the model's name). */
  body: InvokeBody | { input: unknown; bytes: number };
  caller: Caller;
  requestId: string;
  owner: string;
  name: string;
  selector: VersionSelector;
  /** Another door (e.g. the OpenAI-compatible /v1) records its calls under its own channel. */
  channel?: Channel;
  /** Another door's way to run the version (it receives the headers known so far: rate limits, deprecation). */
  run?: (call: RuntimeCall, headers: Record<string, string>) => Promise<RuntimeResult>;
  /** Another door's success body; default {output, model, version, requestId}. */
  render?: (output: unknown) => string;
  /** The call was counted against its rate limit when it was accepted (an async prediction's run). */
  admitted?: boolean;
  /**
   * An async call (`Prefer: respond-async`): once counted, authorised and validated, `defer` queues the run
   * (committed before it returns) and the answer is 202 with its Location and body instead of running; the
   * queued run comes back here and is recorded then, once.
   */
  defer?: (call: AdmittedCall) => Promise<{ location: string; body: unknown }>;
};

/** What an async call's `defer` gets: the call as admitted, ready to be queued. */
export type AdmittedCall = { target: ResolvedTarget; input: unknown };

/** Who is asking, for the visibility rule: a key sees as its app's team; reviewers and admins see all. */
export function viewerOf(caller: Caller): ModelViewer {
  if (caller.kind === "key") return { teamIds: [caller.key.teamId] };
  if (caller.kind === "user")
    return { teamIds: caller.user.teamIds, insider: caller.user.role === "reviewer" || caller.user.role === "admin" };
  return { teamIds: [] };
}

/** Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link for a deprecated version. */
function deprecationHeaders(target: ResolvedTarget): Record<string, string> {
  const v = target.version;
  if (v.status !== "deprecated") return {};
  const headers: Record<string, string> = { deprecation: `@${Math.floor((v.deprecatedAt ?? v.updatedAt).getTime() / 1000)}` };
  if (v.sunsetAt) headers.sunset = v.sunsetAt.toUTCString();
  const next = v.replacementVersion?.version;
  if (next) {
    const [owner, name] = target.model.label.split("/");
    headers.link = `</api/v1/models/${owner}/${name}/versions/${next}/invoke>; rel="successor-version"`;
  }
  return headers;
}

/**
 * One call through the gateway. Once the model and version are known, every outcome — success or error —
 * is recorded, and the response leaves only after its invocation row is committed (group commit).
 * Framework-neutral (a body stream in, response parts out): the Next route and the gateway door both use it.
 */
export function invokeModel(input: InvokeInput): Promise<ResponseParts> {
  // With tracing off (the default) the call runs as it is: no span, no context switch.
  if (!tracingActive()) return governedCall(input, undefined);
  return traced(
    "gateway.call",
    (span) =>
      governedCall(input, span).catch((error: unknown) => {
        // Thrown before the call was resolved (an unknown model or version): the status its error answers with.
        span?.setAttribute("modelport.status", error instanceof AppError ? error.status : 500);
        throw error;
      }),
    {
      attributes: { "modelport.request_id": input.requestId, "modelport.channel": channelOf(input, input.caller) },
    },
  );
}

/** A step of the call as a child span of `gateway.call` when tracing is on; the bare step otherwise. */
const step = <T>(span: Span | undefined, name: string, fn: () => Promise<T>): Promise<T> => (span ? traced(name, fn) : fn());

async function governedCall(input: InvokeInput, span: Span | undefined): Promise<ResponseParts> {
  const { body: rawBody, caller, requestId, owner, name, selector, run = runVersion } = input;
  const started = performance.now();
  const at = new Date();
  const target = await step(span, "gateway.resolve", async () => {
    const viewer = viewerOf(caller);
    // A range or latest call may be sent to the model's canary (lib/rollouts/apply-canary.ts); pinned ones never.
    return applyCanary(await resolveVersion(owner, name, selector, viewer), selector, (exact) =>
      resolveVersion(owner, name, { exact }, viewer),
    );
  });
  span?.setAttributes({ "modelport.model": target.model.label, "modelport.version": target.version.version });
  let headers: Record<string, string> = {};
  let bytesIn = 0;
  let result: RuntimeResult | null = null;
  let config: VersionConfig | null = null;
  let failure: unknown = null;
  let runStarted = 0;
  let failedRunMs = 0;
  let deferred: ResponseParts | null = null;
  let callInput: unknown = undefined;
  const deprecation = deprecationHeaders(target);
  try {
    // Counted before authorisation: refused calls use up the quota too. A key's call was already counted by
    // the route (resolveKeyCaller), before the model was even looked up.
    if (!input.admitted) headers = caller.kind === "key" && caller.rateLimit ? caller.rateLimit : await consumeRateLimit(caller);
    await step(span, "gateway.authorize", async () => {
      await authorizeInvocation(caller, target);
      // Hard caps bind the calls of an app's keys (a console call has no app, and so no budget).
      if (caller.kind === "key") await assertWithinBudgets({ appId: caller.key.appId, teamId: caller.key.teamId });
    });
    const body = "input" in rawBody ? rawBody : await step(span, "gateway.read", () => readInvokeBody(rawBody));
    bytesIn = body.bytes;
    callInput = body.input;
    const loaded = await step(span, "gateway.validate", async () => {
      const versionConfig = await loadVersionConfig(target.version.id, target.version.updatedAt);
      validateInput(versionConfig.inputSchema, body.input);
      return versionConfig;
    });
    config = loaded;
    if (input.defer) {
      const queued = await input.defer({ target, input: body.input });
      deferred = {
        status: 202,
        headers: {
          "content-type": JSON_CONTENT_TYPE,
          ...headers,
          ...deprecation,
          location: queued.location,
          "preference-applied": "respond-async",
        },
        body: stringifyJson(queued.body),
      };
    } else {
      runStarted = performance.now();
      const ran = await step(span, "gateway.run", () =>
        run({ config: loaded, input: body.input, requestId }, { ...headers, ...deprecation }),
      );
      result = ran; // ran (and costs) even if its answer is then refused below
      validateOutput(loaded.outputSchema, ran.output);
    }
  } catch (error) {
    failure = error;
    // A failed upstream call (timeout, 5xx) still spent the model's time; count it as upstream time.
    if (runStarted && !result) failedRunMs = performance.now() - runStarted;
  }
  // Accepted for later: the run records (and counts, and logs) the call when it happens.
  if (deferred && !failure) {
    if (span) describeOutcome(span, caller, deferred.status, null);
    return withServerTiming(deferred, performance.now() - started, 0);
  }
  const upstreamMs = result?.upstreamMs ?? failedRunMs;
  headers = { ...headers, ...deprecation };
  let response: ResponseParts = failure
    ? errorParts(failure, requestId, headers)
    : {
        status: 200,
        headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
        body: input.render
          ? input.render(result!.output)
          : JSON.stringify({ output: result!.output, model: target.model.label, version: target.version.version, requestId }),
      };
  // A streamed answer has already gone out when the call is recorded; its runtime counted the bytes.
  const bytesOut = result?.bytesOut ?? Buffer.byteLength(response.body);
  const hardwareClass = config ? hardwareClassOf(config.costModel) : null;
  const costMicros = computeCost({
    costModel: config?.costModel,
    ran: result !== null,
    upstreamMs,
    tokensIn: result?.tokensIn,
    tokensOut: result?.tokensOut,
    hourlyRateMicros: hardwareClass ? await hardwareRateAt(hardwareClass, at) : null,
  });
  const gatewayMs = Math.max(0, performance.now() - started - upstreamMs);
  const appId = caller.kind === "key" ? caller.key.appId : null;
  // Versions that collect ground truth keep the answer's label for feedback (queued; nobody waits for it).
  if (config?.qualityKind && result && response.status === 200)
    rememberPrediction({
      kind: config.qualityKind,
      outputSchema: config.outputSchema,
      output: result.output,
      requestId,
      versionId: target.version.id,
      appId,
      at,
    });
  try {
    await step(span, "gateway.record", () =>
      recordInvocation({
        at,
        requestId,
        modelId: target.model.id,
        versionId: target.version.id,
        appId,
        apiKeyId: caller.kind === "key" ? caller.key.keyId : null,
        userId: caller.kind === "user" ? caller.user.id : null,
        channel: channelOf(input, caller),
        statusCode: response.status,
        errorCode: failure ? (failure instanceof AppError ? failure.code : "internal_error") : null,
        gatewayMs,
        upstreamMs,
        bytesIn,
        bytesOut,
        tokensIn: result?.tokensIn ?? null,
        tokensOut: result?.tokensOut ?? null,
        costMicros,
        valueMicros: response.status < 400 ? target.model.valuePerCallMicros : BigInt(0),
      }),
    );
  } catch (error) {
    log().error({ requestId, err: error }, "could not record the invocation");
    failure = new AppError("service_unavailable", "The call could not be recorded, so its answer is withheld; try again.");
    response = errorParts(failure, requestId);
  }
  // A sample of successful calls feeds model health (lib/model-health): a push to a buffer, written later.
  if (response.status === 200 && result && config && config.captureRate > 0) captureCall(config, requestId, at, callInput, result.output);
  // A share of the calls that reached the model may be mirrored to a candidate (lib/rollouts), after the answer.
  if (runStarted)
    mirrorToShadow({
      modelId: target.model.id,
      servingVersionId: target.version.id,
      requestId,
      input: callInput,
      output: failure ? null : result?.output,
      servingMs: upstreamMs,
      servingError: failure ? (failure instanceof AppError ? failure.code : "internal_error") : null,
    });
  // The header's gateway time includes the wait for the commit; the recorded one stops at the enqueue.
  const totalMs = performance.now() - started;
  observeCall(input, target, caller, response.status, failure, totalMs);
  if (span) describeOutcome(span, caller, response.status, failure);
  return withServerTiming(response, totalMs, upstreamMs);
}

/** The channel a call is recorded under: the door's own, else `api` for keys and `console` for sessions. */
function channelOf(input: InvokeInput, caller: Caller): Channel {
  return input.channel ?? (caller.kind === "key" ? "api" : "console");
}

/** The call span's outcome: the status the caller got, its app and error code (ids and codes only, never keys or payloads). */
function describeOutcome(span: Span, caller: Caller, status: number, failure: unknown) {
  span.setAttribute("modelport.status", status);
  if (caller.kind === "key") span.setAttribute("modelport.app_id", caller.key.appId);
  if (status >= 400) span.setAttribute("modelport.error_code", failure instanceof AppError ? failure.code : "internal_error");
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}

function withServerTiming(response: ResponseParts, totalMs: number, upstreamMs: number): ResponseParts {
  response.headers["server-timing"] = `gateway;dur=${(totalMs - upstreamMs).toFixed(2)}, upstream;dur=${upstreamMs.toFixed(2)}`;
  if (process.env.MODELPORT_EXPOSE_RECORDER === "1") response.headers["x-recorder-backlog"] = String(recorderStats().backlog);
  return response;
}

/** The call's metrics (a counter and a histogram: all the hot path pays) and its log line (ids, never secrets or payloads). */
function observeCall(input: InvokeInput, target: ResolvedTarget, caller: Caller, status: number, failure: unknown, totalMs: number) {
  const model = target.model.label;
  const version = target.version.version;
  const channel = channelOf(input, caller);
  gatewayRequests.inc({ model, version, channel, status_class: statusClass(status) });
  gatewayDuration.observe({ model, version, channel }, totalMs / 1000);
  const code = status >= 400 ? (failure instanceof AppError ? failure.code : "internal_error") : undefined;
  if (code) gatewayErrors.inc({ model, version, channel, code });
  log().info(
    {
      requestId: input.requestId,
      appId: caller.kind === "key" ? caller.key.appId : undefined,
      keyId: caller.kind === "key" ? caller.key.keyId : undefined,
      userId: caller.kind === "user" ? caller.user.id : undefined,
      model,
      version,
      channel,
      status,
      code,
      durationMs: Math.round(totalMs * 100) / 100,
    },
    "gateway call",
  );
}
