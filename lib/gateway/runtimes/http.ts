import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { postJson } from "@/lib/gateway/runtimes/call-upstream";
import { flatten, unflatten } from "@/lib/gateway/runtimes/tensors";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";

const v2Tensor = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  datatype: z.string(),
  data: z.array(z.unknown()),
});
const v2Response = z.object({ model_name: z.string().optional(), id: z.string().optional(), outputs: z.array(v2Tensor) });

export function kserveUrl(endpointUrl: string, modelName: string | null): string {
  if (/\/infer\/?$/.test(endpointUrl)) return endpointUrl;
  if (!modelName) throw new AppError("upstream_unavailable", "This KServe V2 version names no upstream model.");
  return `${endpointUrl.replace(/\/+$/, "")}/v2/models/${encodeURIComponent(modelName)}/infer`;
}

type PropertySchema = { type?: unknown; items?: PropertySchema };
function leafType(schema: PropertySchema | undefined): unknown {
  let s = schema;
  while (s && s.type === "array") s = s.items;
  return s?.type;
}

function datatypeOf(flat: unknown[], schema: PropertySchema | undefined): string {
  const declared = leafType(schema);
  if (declared === "integer") return "INT64";
  if (declared === "boolean" || (flat.length && flat.every((v) => typeof v === "boolean"))) return "BOOL";
  if (declared === "string" || (flat.length && flat.every((v) => typeof v === "string"))) return "BYTES";
  return "FP32";
}

/** Our JSON input → a V2 inference request: each property becomes a named tensor (shape from nesting, type from the schema). */
export function toV2Request(input: unknown, inputSchema: unknown, requestId: string) {
  if (input && typeof input === "object" && Array.isArray((input as { inputs?: unknown }).inputs)) return input; // already V2
  const props = (inputSchema as { properties?: Record<string, PropertySchema> } | null)?.properties ?? {};
  const inputs = Object.entries((input ?? {}) as Record<string, unknown>).map(([name, value]) => {
    const { dims, flat } = flatten(value, `/${name}`);
    return { name, shape: dims, datatype: datatypeOf(flat, props[name]), data: flat };
  });
  return { id: requestId, inputs };
}

/** A V2 inference response → {outputName: nested array}, after checking its shape. */
export function fromV2Response(body: unknown): Record<string, unknown> {
  const parsed = v2Response.safeParse(body);
  if (!parsed.success)
    throw new AppError("upstream_error", "The model's server answered with something that is not a KServe V2 inference response.");
  const output: Record<string, unknown> = {};
  for (const t of parsed.data.outputs) {
    const expected = t.shape.reduce((a, b) => a * b, 1);
    if (expected !== t.data.length) throw new AppError("upstream_error", `The model's output ${t.name} does not match its declared shape.`);
    output[t.name] = unflatten(t.data, t.shape);
  }
  return output;
}

/** A model behind HTTP: generic JSON pass-through, or the KServe V2 / Open Inference Protocol. */
export async function runHttp({ config, input, requestId }: RuntimeCall): Promise<RuntimeResult> {
  if (!config.endpointUrl) throw new AppError("upstream_unavailable", "This version has no endpoint URL.");
  if (config.httpProtocol === "kserve_v2") {
    const url = kserveUrl(config.endpointUrl, config.upstreamModelName);
    const { body, upstreamMs } = await postJson(config, url, toV2Request(input, config.inputSchema, requestId), requestId);
    return { output: fromV2Response(body), upstreamMs };
  }
  const { body, upstreamMs } = await postJson(config, config.endpointUrl, input, requestId);
  return { output: body, upstreamMs };
}
