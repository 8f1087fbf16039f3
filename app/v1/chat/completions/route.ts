import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { MAX_INVOKE_BODY_BYTES } from "@/lib/gateway/read-invoke-body";
import { createChatCompletion } from "@/lib/openai-compat/create-chat-completion";
import { inOpenAiShape, withOpenAiErrors } from "@/lib/http/openai-errors";
import { doorErrors } from "@/lib/openai-compat/responses";
import { chatCompletion, chatCompletionRequest } from "@/lib/openai-compat/schemas";

export const dynamic = "force-dynamic";

// POST /v1/chat/completions — OpenAI's chat completions for OpenAI-compatible model versions, through the gateway.
export const POST = withOpenAiErrors(
  defineRoute(
    {
      method: "post",
      path: "/v1/chat/completions",
      summary: "Chat completion (OpenAI-compatible; stream: true answers server-sent events)",
      tags: ["openai-compatible"],
      permission: "models:invoke",
      body: chatCompletionRequest,
      bodyLimit: MAX_INVOKE_BODY_BYTES,
      responses: {
        200: {
          description: "The completion, or with stream: true its chunks as text/event-stream",
          schema: chatCompletion,
          headers: ["RateLimit-Policy", "RateLimit"],
        },
        ...doorErrors,
      },
    },
    async ({ req, body, caller, requestId }) =>
      createChatCompletion({
        body,
        bytes: Number(req.headers.get("content-length") ?? 0) || JSON.stringify(body).length,
        caller,
        requestId,
      }),
  ),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = inOpenAiShape(methodsNotAllowed({ POST }));
