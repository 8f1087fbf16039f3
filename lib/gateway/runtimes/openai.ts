import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { postJson } from "@/lib/gateway/runtimes/call-upstream";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";

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
