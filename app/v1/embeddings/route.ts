import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { MAX_INVOKE_BODY_BYTES } from "@/lib/gateway/read-invoke-body";
import { createEmbeddings } from "@/lib/openai-compat/create-embeddings";
import { inOpenAiShape, withOpenAiErrors } from "@/lib/http/openai-errors";
import { doorErrors } from "@/lib/openai-compat/responses";
import { embeddingList, embeddingsRequest } from "@/lib/openai-compat/schemas";

export const dynamic = "force-dynamic";

// POST /v1/embeddings — OpenAI's embeddings for OpenAI-compatible versions whose server has /embeddings (else 502).
export const POST = withOpenAiErrors(
  defineRoute(
    {
      method: "post",
      path: "/v1/embeddings",
      summary: "Embeddings (OpenAI-compatible, where the model's server offers them)",
      tags: ["openai-compatible"],
      permission: "models:invoke",
      body: embeddingsRequest,
      bodyLimit: MAX_INVOKE_BODY_BYTES,
      responses: {
        200: { description: "The embeddings", schema: embeddingList, headers: ["RateLimit-Policy", "RateLimit"] },
        ...doorErrors,
      },
    },
    async ({ req, body, caller, requestId }) =>
      createEmbeddings({ body, bytes: Number(req.headers.get("content-length") ?? 0) || JSON.stringify(body).length, caller, requestId }),
  ),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = inOpenAiShape(methodsNotAllowed({ POST }));
