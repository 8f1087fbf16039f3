import { z } from "zod";

// The OpenAI-compatible door (/v1): the request and answer shapes OpenAI's SDKs send and expect. Only what the
// door reads is checked; every other parameter (temperature, tools, …) passes on to the model's server as sent.

export const modelRef = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^/@\s]+\/[^/@\s]+(@[^@\s]+)?$/, "must be owner/name or owner/name@<version or semver range>")
  .describe("owner/name (latest approved version) or owner/name@<version or semver range>, e.g. acme/chat@1.2.0 or acme/chat@^1");

export const chatCompletionRequest = z
  .looseObject({
    model: modelRef,
    messages: z.array(z.looseObject({ role: z.string().min(1) })).min(1),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  })
  .describe("OpenAI's chat completion request; other parameters are passed on to the model's server");

export const embeddingsRequest = z
  .looseObject({
    model: modelRef,
    input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  })
  .describe("OpenAI's embeddings request; other parameters are passed on to the model's server");

const usage = z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int().optional(), total_tokens: z.number().int() });

export const chatCompletion = z
  .object({
    id: z.string().optional(),
    object: z.string().optional(),
    created: z.number().optional(),
    model: z.string().optional(),
    choices: z.array(z.record(z.string(), z.unknown())),
    usage: usage.optional(),
  })
  .describe("The model's completion; with stream: true, server-sent events `data: <chunk>` ending with `data: [DONE]`");

export const embeddingList = z.object({
  object: z.literal("list"),
  model: z.string().optional(),
  data: z.array(
    z.object({ object: z.literal("embedding"), index: z.number().int(), embedding: z.union([z.array(z.number()), z.string()]) }),
  ),
  usage: usage.partial().optional(),
});

export const modelList = z.object({
  object: z.literal("list"),
  data: z.array(
    z.object({
      id: z.string().describe("owner/name, the value to send as `model`"),
      object: z.literal("model"),
      created: z.number().int().describe("Unix time the model was created"),
      owned_by: z.string().describe("The owning team's slug"),
    }),
  ),
});

export const openAiErrorBody = z.object({
  error: z.object({
    message: z.string(),
    type: z
      .string()
      .describe("invalid_request_error, authentication_error, permission_error, not_found_error, rate_limit_error, server_error"),
    code: z.string().describe("Modelport's error code, e.g. access_not_granted, rate_limited"),
    param: z.string().nullable(),
    requestId: z.string().describe("Id of this request, also in X-Request-Id"),
  }),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;
