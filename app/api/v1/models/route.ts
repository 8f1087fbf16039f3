import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { searchModelsQuerySchema, searchModelsResultSchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { createModel } from "@/lib/publishing/create-model";
import { createModelInput, modelCreatedSchema } from "@/lib/publishing/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/models — catalog search: {items, total, facets}. Keys need the invoke scope: an app finds the
// models it calls (see docs/decisions.md).
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models",
    summary: "Search the catalog: full text (typo and prefix tolerant), filters, facet counts, sorts, pages",
    tags: ["catalog"],
    permission: "models:invoke",
    anonymous: true,
    query: searchModelsQuerySchema,
    responses: {
      200: { description: "Matching models the caller may see, the total and facet counts", schema: searchModelsResultSchema },
      400: { description: "Invalid query parameter" },
      401: { description: "Invalid API key" },
    },
  },
  async ({ query, caller }) => json(await searchModels({ viewer: catalogViewer(caller), query })),
);

// POST /api/v1/models — create a model (publisher session or a key with the publish scope).
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models",
    summary: "Create a model in one of your teams (an API key: its app's team)",
    tags: ["publishing"],
    permission: "models:publish",
    body: createModelInput,
    responses: {
      201: { description: "Created", schema: modelCreatedSchema, headers: ["Location"] },
      409: { description: "The team already has a model with this name" },
      422: { description: "Unknown team or business owner" },
    },
  },
  async (ctx) => {
    const model = await createModel(publishContextOf(ctx), ctx.body);
    return json(model, { status: 201, headers: { location: `/api/v1/models/${model.slug}` } });
  },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
