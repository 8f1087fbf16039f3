import { json } from "@/lib/http/respond";
import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { listOpenAiModels } from "@/lib/openai-compat/list-openai-models";
import { inOpenAiShape, withOpenAiErrors } from "@/lib/http/openai-errors";
import { doorErrors } from "@/lib/openai-compat/responses";
import { modelList } from "@/lib/openai-compat/schemas";

export const dynamic = "force-dynamic";

// GET /v1/models — the OpenAI-compatible models this key may call (OpenAI's model list).
export const GET = withOpenAiErrors(
  defineRoute(
    {
      method: "get",
      path: "/v1/models",
      summary: "List the OpenAI-compatible models the caller may call (id owner/name)",
      tags: ["openai-compatible"],
      permission: "models:invoke",
      responses: {
        200: { description: "The models", schema: modelList },
        400: doorErrors[400],
        401: doorErrors[401],
        403: doorErrors[403],
        404: doorErrors[404],
        429: doorErrors[429],
      },
    },
    async ({ caller }) => json(await listOpenAiModels(caller)),
  ),
);

export const { POST, PUT, PATCH, DELETE } = inOpenAiShape(methodsNotAllowed({ GET }));
