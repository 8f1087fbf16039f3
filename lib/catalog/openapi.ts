import { registerRoute } from "@/lib/openapi/registry";
import { modelDetailSchema, modelPathParamsSchema, searchModelsQuerySchema, searchModelsResultSchema } from "@/lib/catalog/schemas";

registerRoute({
  method: "get",
  path: "/api/v1/models",
  summary: "Search the catalog: full text (typo and prefix tolerant), filters, facet counts, sorts, pages",
  tags: ["catalog"],
  auth: ["session", "apiKey"],
  anonymous: true,
  scope: "invoke",
  query: searchModelsQuerySchema,
  responses: {
    200: { description: "Matching models the caller may see, the total and facet counts", schema: searchModelsResultSchema },
    400: { description: "Invalid query parameter" },
    401: { description: "Invalid API key" },
  },
});

registerRoute({
  method: "get",
  path: "/api/v1/models/{owner}/{name}",
  summary: "Model detail: metadata, card, versions with reviews, live facts from the last 30 days",
  tags: ["catalog"],
  auth: ["session", "apiKey"],
  anonymous: true,
  scope: "invoke",
  params: modelPathParamsSchema,
  responses: {
    200: { description: "The model", schema: modelDetailSchema },
    401: { description: "Invalid API key" },
    404: { description: "No such model, or not visible to the caller" },
  },
});
