import { can } from "@/lib/auth/roles";
import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";
import { publicBaseUrl } from "@/lib/snippets/public-base-url";
import { snippetParamsSchema, snippetQuerySchema } from "@/lib/snippets/schemas";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/models/{owner}/{name}/snippets?version=&target= — ready-to-run client snippets.
export const GET = withApi<{ owner: string; name: string }>(
  async ({ req, params, caller }) => {
    const { owner, name } = snippetParamsSchema.parse(params);
    const query = snippetQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    const viewer =
      caller.kind === "user"
        ? { teamIds: caller.user.teamIds, canReview: can(caller.user.role, "versions:review") }
        : caller.kind === "key"
          ? { teamIds: [caller.key.teamId] }
          : null;
    const snippets = await getModelSnippets({ owner, name, ...query, viewer, baseUrl: publicBaseUrl(req.url) });
    return json(snippets.map(({ template: _template, ...s }) => s));
  },
  { auth: "optional", scope: "read" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
