import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { postJson } from "@/lib/gateway/runtimes/call-upstream";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";
import type { VersionConfig } from "@/lib/gateway/load-version-config";

const completion = z.object({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z.array(z.record(z.string(), z.unknown())),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0).optional(),
      completion_tokens: z.number().int().min(0).optional(),
      total_tokens: z.number().int().min(0).optional(),
    })
    .optional(),
});

/** The endpoint's base (…/v1), whatever path the publisher gave: the door adds /embeddings to it. */
export function openaiBaseUrl(endpointUrl: string): string {
  return endpointUrl.replace(/\/+$/, "").replace(/\/(chat\/)?completions$/, "");
}

/** Does this version speak OpenAI's protocol (the `openai` runtime, or an http endpoint declared OpenAI-compatible)? */
export function speaksOpenAi(config: Pick<VersionConfig, "runtime" | "httpProtocol">): boolean {
  return config.runtime === "openai" || config.httpProtocol === "openai";
}

export function openaiUrl(endpointUrl: string, input: unknown): string {
  if (/\/(chat\/)?completions\/?$/.test(endpointUrl)) return endpointUrl;
  const chat = !!input && typeof input === "object" && "messages" in input;
  return `${endpointUrl.replace(/\/+$/, "")}/${chat ? "chat/completions" : "completions"}`;
}

/**
 * An OpenAI-compatible chat/completions upstream. The version fixes the upstream model and turns streaming
 * off; the answer is re-built from the checked fields only, and its token usage feeds the cost.
 */
export async function runOpenAi({ config, input, requestId }: RuntimeCall): Promise<RuntimeResult> {
  if (!config.endpointUrl) throw new AppError("upstream_unavailable", "This version has no endpoint URL.");
  const payload = {
    ...(input as Record<string, unknown>),
    ...(config.upstreamModelName ? { model: config.upstreamModelName } : {}),
    stream: false,
  };
  const { body, upstreamMs } = await postJson(config, openaiUrl(config.endpointUrl, input), payload, requestId);
  const parsed = completion.safeParse(body);
  if (!parsed.success)
    throw new AppError("upstream_error", "The model's server answered with something that is not an OpenAI-compatible completion.");
  const { id, object, created, model, choices, usage } = parsed.data;
  return {
    output: { id, object, created, model, choices, usage },
    upstreamMs,
    tokensIn: usage?.prompt_tokens ?? null,
    tokensOut: usage?.completion_tokens ?? null,
  };
}

const embeddings = z.object({
  object: z.string().optional(),
  model: z.string().optional(),
  data: z.array(
    z.object({ object: z.string().optional(), index: z.number().int(), embedding: z.union([z.array(z.number()), z.string()]) }),
  ),
  usage: z.object({ prompt_tokens: z.number().int().min(0).optional(), total_tokens: z.number().int().min(0).optional() }).optional(),
});

/** An OpenAI-compatible /embeddings upstream (the OpenAI-compatible door's POST /v1/embeddings); input tokens are costed. */
export async function runOpenAiEmbeddings({ config, input, requestId }: RuntimeCall): Promise<RuntimeResult> {
  if (!config.endpointUrl) throw new AppError("upstream_unavailable", "This version has no endpoint URL.");
  const payload = { ...(input as Record<string, unknown>), ...(config.upstreamModelName ? { model: config.upstreamModelName } : {}) };
  const { body, upstreamMs } = await postJson(config, `${openaiBaseUrl(config.endpointUrl)}/embeddings`, payload, requestId);
  const parsed = embeddings.safeParse(body);
  if (!parsed.success)
    throw new AppError("upstream_error", "The model's server answered with something that is not an OpenAI-compatible embeddings list.");
  const { model, data, usage } = parsed.data;
  return {
    output: { object: "list", model, data: data.map((d) => ({ object: "embedding", index: d.index, embedding: d.embedding })), usage },
    upstreamMs,
    tokensIn: usage?.prompt_tokens ?? null,
    tokensOut: null,
  };
}
