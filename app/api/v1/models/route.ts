import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { searchModelsQuerySchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { readJson, withApi } from "@/lib/http/handler";
import { publishAccess, publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { createModel } from "@/lib/publishing/create-model";
import { createModelInput } from "@/lib/publishing/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/models — catalog search: {items, total, facets}.
export const GET = withApi(
  async ({ req, caller }) => {
    const query = searchModelsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
    return json(await searchModels({ viewer: catalogViewer(caller), query }));
  },
  { auth: "optional", scope: "invoke" },
);

// POST /api/v1/models — create a model (publisher session or a key with the publish scope).
export const POST = withApi(async (ctx) => {
  const input = createModelInput.parse(await readJson(ctx.req));
  const model = await createModel(publishContextOf(ctx), input);
  return json(model, { status: 201, headers: { location: `/api/v1/models/${model.slug}` } });
}, publishAccess);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
