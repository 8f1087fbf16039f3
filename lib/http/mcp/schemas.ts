import { z } from "zod";
import { searchModelsQuerySchema, modelPathParamsSchema } from "@/lib/catalog/schemas";
import { invokeBody, invokeModelParams, invokeQuery } from "@/lib/gateway/schemas";
import { snippetParamsSchema, snippetQuerySchema } from "@/lib/snippets/schemas";

// The MCP tools' input schemas are the REST API's own zod schemas (query, path and body merged into one
// arguments object), so an agent is held to exactly what the API accepts.

export const searchModelsArgs = searchModelsQuerySchema;
export const getModelArgs = modelPathParamsSchema;
export const getSnippetArgs = snippetParamsSchema.extend(snippetQuerySchema.shape);
export const invokeModelArgs = invokeModelParams.extend({
  version: invokeQuery.shape.version,
  input: invokeBody,
});
export const listMyAppsArgs = z.object({});
