// How a version is served and priced: runtime, protocol, endpoint and cost model, derived from the
// model's contract kind and cost spec.
import type { HttpProtocol, Runtime } from "../../lib/generated/prisma/enums";
import type { CostSpec, ModelDef } from "./types";

export type CostModel =
  | { kind: "per_call"; microsPerCall: number }
  | { kind: "compute_time"; hardwareClass: string }
  | { kind: "tokens"; inputMicrosPer1k: number; outputMicrosPer1k: number };

export type Serving = {
  runtime: Runtime;
  httpProtocol: HttpProtocol | null;
  endpointUrl: string | null;
  upstreamModelName: string | null;
  timeoutMs: number;
  artifact: { key: string; sha256: string; size: number } | null;
  costModel: CostModel;
};

export const LLM_GATEWAY_URL = "http://llm-gateway.ml.internal:8000/v1";

export function costModelOf(cost: CostSpec): CostModel {
  if (typeof cost === "number") return { kind: "per_call", microsPerCall: cost };
  if (typeof cost === "string") return { kind: "compute_time", hardwareClass: cost };
  return { kind: "tokens", inputMicrosPer1k: cost.inPer1k, outputMicrosPer1k: cost.outPer1k };
}

/** Each major version runs as its own deployment (`<name>-v2`), so old majors keep serving while deprecated. */
export function servingFor(def: ModelDef, major: number): Serving {
  const costModel = costModelOf(def.cost);
  const host = major > 1 ? `${def.name}-v${major}` : def.name;
  const base = { upstreamModelName: null, artifact: null, costModel, timeoutMs: 10_000 };
  switch (def.io.kind) {
    case "onnx":
      return { ...base, runtime: "onnx", httpProtocol: null, endpointUrl: null, timeoutMs: 5_000, artifact: def.io.artifact };
    case "chat":
      return {
        ...base,
        runtime: "openai",
        httpProtocol: "openai",
        endpointUrl: LLM_GATEWAY_URL,
        upstreamModelName: def.io.upstream,
        timeoutMs: 60_000,
      };
    case "embed":
      return { ...base, runtime: "openai", httpProtocol: "openai", endpointUrl: LLM_GATEWAY_URL, upstreamModelName: def.io.upstream };
    case "image":
    case "kserve":
      return {
        ...base,
        runtime: "http",
        httpProtocol: "kserve_v2",
        endpointUrl: `http://${host}.ml.internal:8080/v2/models/${def.name}/infer`,
      };
    default:
      return {
        ...base,
        runtime: "http",
        httpProtocol: "generic",
        endpointUrl: `http://${host}.ml.internal:8080/predict`,
        timeoutMs: def.latencyMs > 100 ? 30_000 : 10_000,
      };
  }
}
