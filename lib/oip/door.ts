import "server-only";
import { authorizeInvocation } from "@/lib/gateway/authorize-invocation";
import { invokeModel, viewerOf } from "@/lib/gateway/invoke-model";
import { loadVersionConfig, type VersionConfig } from "@/lib/gateway/load-version-config";
import { resolveVersion, type VersionSelector } from "@/lib/gateway/resolve-version";
import { postJson } from "@/lib/gateway/runtimes/call-upstream";
import { fromV2Response, kserveUrl } from "@/lib/gateway/runtimes/http";
import { onnxSignature, runOnnx } from "@/lib/gateway/runtimes/onnx";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";
import type { Caller } from "@/lib/auth/principal";
import { AppError } from "@/lib/server/errors";
import { db } from "@/lib/server/db";
import type { OipInferRequest, OipTensorMetadata } from "@/lib/oip/schemas";
import { checkRequestedOutputs, fromOipInputs, oipDatatypeOfOnnx, toOipOutputs } from "@/lib/oip/tensors";

// The Open Inference Protocol (KServe V2) door: /oip/{owner}/v2/models/{name}[/versions/{version}]/…
// A thin adapter over the governed call (lib/gateway/invoke-model.ts), recorded on channel `oip`.

export type OipTarget = { owner: string; name: string; version?: string };

const selectorOf = (version?: string): VersionSelector => (version ? { exact: version } : {});
const isKserve = (config: VersionConfig) => config.runtime === "http" && config.httpProtocol === "kserve_v2";

function notTensor(): AppError {
  return new AppError(
    "bad_request",
    "This model version is not a tensor model (ONNX, or a KServe V2 server); call it with POST /api/v1/models/{owner}/{name}/invoke.",
  );
}

/** POST …/infer: the request's tensors through the governed call; the answer as response tensors. */
export async function oipInfer(
  target: OipTarget,
  request: OipInferRequest,
  ctx: { bytes: number; caller: Caller; requestId: string },
): ReturnType<typeof invokeModel> {
  const datatypes = new Map<string, string>();
  let modelVersion: string | undefined;
  const run = async (call: RuntimeCall): Promise<RuntimeResult> => {
    modelVersion = call.config.version;
    let result: RuntimeResult;
    if (call.config.runtime === "onnx") {
      const signature = await onnxSignature(call.config);
      for (const t of request.inputs) {
        const declared = signature.inputs.find((s) => s.name === t.name);
        if (declared && oipDatatypeOfOnnx(declared.type) !== t.datatype) {
          throw new AppError("bad_request", `The input ${t.name} must be ${oipDatatypeOfOnnx(declared.type)}, not ${t.datatype}.`);
        }
      }
      for (const o of signature.outputs) datatypes.set(o.name, oipDatatypeOfOnnx(o.type));
      result = await runOnnx(call);
    } else if (isKserve(call.config) && call.config.endpointUrl) {
      // Pass-through: the client's tensors (datatypes as sent) to the model's own V2 server.
      const url = kserveUrl(call.config.endpointUrl, call.config.upstreamModelName);
      const payload = { id: call.requestId, parameters: request.parameters, inputs: request.inputs, outputs: request.outputs };
      const { body, upstreamMs } = await postJson(call.config, url, payload, call.requestId);
      const outputs = (body as { outputs?: { name?: unknown; datatype?: unknown }[] } | null)?.outputs;
      const output = fromV2Response(body);
      for (const o of outputs ?? []) if (typeof o.name === "string" && typeof o.datatype === "string") datatypes.set(o.name, o.datatype);
      result = { output, upstreamMs };
    } else {
      throw notTensor();
    }
    checkRequestedOutputs(result.output, request.outputs);
    return result;
  };
  return invokeModel({
    body: { input: fromOipInputs(request.inputs), bytes: ctx.bytes },
    caller: ctx.caller,
    requestId: ctx.requestId,
    owner: target.owner,
    name: target.name,
    selector: selectorOf(target.version),
    channel: "oip",
    run,
    render: (output) =>
      JSON.stringify({
        model_name: target.name,
        model_version: modelVersion,
        id: request.id ?? ctx.requestId,
        outputs: toOipOutputs(output, datatypes, request.outputs),
      }),
  });
}

/** The version a metadata or ready call addresses, with the same rights as a call to it. */
async function authorized(target: OipTarget, caller: Caller) {
  const resolved = await resolveVersion(target.owner, target.name, selectorOf(target.version), viewerOf(caller));
  await authorizeInvocation(caller, resolved);
  return resolved;
}

type PropertySchema = { type?: unknown; items?: PropertySchema };
function fromJsonSchema(schema: unknown): OipTensorMetadata[] {
  const props = (schema as { properties?: Record<string, PropertySchema> } | null)?.properties ?? {};
  return Object.entries(props).map(([name, prop]) => {
    let s: PropertySchema | undefined = prop;
    const shape: number[] = [];
    while (s && s.type === "array") {
      shape.push(-1);
      s = s.items;
    }
    const datatype = s?.type === "integer" ? "INT64" : s?.type === "boolean" ? "BOOL" : s?.type === "string" ? "BYTES" : "FP32";
    return { name, datatype, shape };
  });
}

/** GET …/v2/models/{name}[/versions/{v}]: the tensors the version takes and gives. */
export async function oipModelMetadata(target: OipTarget, caller: Caller) {
  const { version } = await authorized(target, caller);
  const config = await loadVersionConfig(version.id, version.updatedAt);
  const base = { name: target.name, versions: [version.version] };
  if (config.runtime === "onnx") {
    const signature = await onnxSignature(config);
    const meta = (ts: typeof signature.inputs) =>
      ts.map((t) => ({
        name: t.name,
        datatype: oipDatatypeOfOnnx(t.type),
        shape: t.shape.map((d) => (typeof d === "number" && d > 0 ? d : -1)),
      }));
    return { ...base, platform: "onnxruntime_onnx", inputs: meta(signature.inputs), outputs: meta(signature.outputs) };
  }
  if (isKserve(config)) {
    return { ...base, platform: "kserve_v2", inputs: fromJsonSchema(config.inputSchema), outputs: fromJsonSchema(config.outputSchema) };
  }
  throw notTensor();
}

/** GET …/ready: 200 {ready: true} when the caller may call the version now; otherwise the refusal's status. */
export async function oipModelReady(target: OipTarget, caller: Caller) {
  const { version } = await authorized(target, caller);
  const config = await loadVersionConfig(version.id, version.updatedAt);
  if (config.runtime !== "onnx" && !isKserve(config)) throw notTensor();
  return { name: target.name, ready: true };
}

/** GET /oip/{owner}/v2/health/ready: the door answers for an owner that exists (its models are checked per call). */
export async function oipServerReady(owner: string) {
  const team = await db.team.findUnique({ where: { slug: owner }, select: { id: true } });
  if (!team) throw new AppError("not_found", `No owner ${owner}.`);
  return { ready: true };
}
