import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { searchModelsQuerySchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { createModelRoute } from "@/lib/publishing/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

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
export const POST = createModelRoute;

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
