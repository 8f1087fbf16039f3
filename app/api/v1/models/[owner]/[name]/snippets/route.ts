import { can } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";
import { publicBaseUrl } from "@/lib/snippets/public-base-url";
import { snippetListSchema, snippetParamsSchema, snippetQuerySchema } from "@/lib/snippets/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/models/{owner}/{name}/snippets?version=&target= — ready-to-run client snippets.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/snippets",
    summary: "Ready-to-run client snippets for a model version",
    tags: ["models"],
    permission: "catalog:read",
    anonymous: true,
    params: snippetParamsSchema,
    query: snippetQuerySchema,
    responses: {
      200: {
        description: "Snippets in cURL, Python, JavaScript, Node.js, Go, Java, C#, Ruby, PHP and PowerShell",
        schema: snippetListSchema,
      },
      410: { description: "The version is retired", schema: errorSchema },
      422: { description: "The version is neither a version nor a range", schema: errorSchema },
    },
  },
  async ({ req, params, query, caller }) => {
    const viewer =
      caller.kind === "user"
        ? { teamIds: caller.user.teamIds, canReview: can(caller.user.role, "versions:review") }
        : caller.kind === "key"
          ? { teamIds: [caller.key.teamId] }
          : null;
    const snippets = await getModelSnippets({ ...params, ...query, viewer, baseUrl: publicBaseUrl(req.url) });
    return json(snippets.map(({ template: _template, ...s }) => s));
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
