import { createCollection } from "@/lib/collections/create-collection";
import { requireCurateViewer } from "@/lib/collections/curate-viewer";
import { listCollections } from "@/lib/collections/list-collections";
import { collectionListSchema, collectionSchema, createCollectionBody, listCollectionsQuery } from "@/lib/collections/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// GET /api/v1/collections — the collections you may see (company-wide, yours, your teams').
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/collections",
    summary: "List the collections you may see: company-wide ones and your own or your teams' private ones",
    tags: ["collections"],
    permission: "catalog:read",
    query: listCollectionsQuery,
    responses: {
      200: { description: "Collections, most recently changed first", schema: collectionListSchema },
      400: { description: "Invalid query parameter", schema: errorSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      404: { description: "`model` names no model you may see", schema: errorSchema },
    },
  },
  async ({ principal, query }) =>
    json({ items: await listCollections({ viewer: requireCurateViewer(principal), model: query.model, mine: query.mine === "true" }) }),
);

// POST /api/v1/collections — create a personal or team collection.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/collections",
    summary: "Create a collection, personal or owned by one of your teams",
    tags: ["collections"],
    permission: "catalog:curate",
    body: createCollectionBody,
    bodyLimit: 20_000,
    responses: {
      201: { description: "The new, empty collection", schema: collectionSchema, headers: ["Location"] },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the curate scope", schema: errorSchema },
      422: { description: "Not one of your teams", schema: errorSchema },
    },
  },
  async (ctx) => {
    const collection = await createCollection({
      viewer: requireCurateViewer(ctx.principal),
      actor: actorOf(ctx.caller, ctx),
      body: ctx.body,
    });
    return json(collection, { status: 201, headers: { location: `/api/v1/collections/${collection.id}` } });
  },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
