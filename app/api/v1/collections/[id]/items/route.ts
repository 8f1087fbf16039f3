import { addCollectionItem } from "@/lib/collections/add-collection-item";
import { requireCurateViewer } from "@/lib/collections/curate-viewer";
import { removeCollectionItem } from "@/lib/collections/remove-collection-item";
import { reorderCollectionItems } from "@/lib/collections/reorder-collection-items";
import { addItemBody, collectionIdParams, collectionSchema, removeItemQuery, reorderItemsBody } from "@/lib/collections/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

const common = {
  200: { description: "The collection after the change", schema: collectionSchema },
  400: { description: "Invalid body or query", schema: errorSchema },
  401: { description: "Not signed in / invalid API key", schema: errorSchema },
  403: { description: "Someone else's company-wide collection, or a key without the curate scope", schema: errorSchema },
  404: { description: "No such collection or model you may see", schema: errorSchema },
};

// POST /api/v1/collections/{id}/items — add a model at the end with a note (again: change the note).
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/collections/{id}/items",
    summary: "Add a model to the end of a collection with a note; a model already in it gets the new note",
    tags: ["collections"],
    permission: "catalog:curate",
    params: collectionIdParams,
    body: addItemBody,
    bodyLimit: 10_000,
    responses: { ...common, 201: { description: "Added; the collection after the change", schema: collectionSchema } },
  },
  async (ctx) => {
    const viewer = requireCurateViewer(ctx.principal);
    const { created, collection } = await addCollectionItem({ viewer, actor: actorOf(ctx.caller, ctx), id: ctx.params.id, ...ctx.body });
    return json(collection, { status: created ? 201 : 200 });
  },
);

// PUT /api/v1/collections/{id}/items — reorder: every model you see in it, in the new order.
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/collections/{id}/items",
    summary: "Reorder a collection: list every model in it (owner/name) in the new order",
    tags: ["collections"],
    permission: "catalog:curate",
    params: collectionIdParams,
    body: reorderItemsBody,
    bodyLimit: 100_000,
    responses: { ...common, 422: { description: "The list is not exactly the collection's models", schema: errorSchema } },
  },
  async (ctx) =>
    json(
      await reorderCollectionItems({
        viewer: requireCurateViewer(ctx.principal),
        actor: actorOf(ctx.caller, ctx),
        id: ctx.params.id,
        models: ctx.body.models,
      }),
    ),
);

// DELETE /api/v1/collections/{id}/items?model=owner/name — take a model out.
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/collections/{id}/items",
    summary: "Take a model out of a collection (?model=owner/name)",
    tags: ["collections"],
    permission: "catalog:curate",
    params: collectionIdParams,
    query: removeItemQuery,
    responses: common,
  },
  async (ctx) =>
    json(
      await removeCollectionItem({
        viewer: requireCurateViewer(ctx.principal),
        actor: actorOf(ctx.caller, ctx),
        id: ctx.params.id,
        model: ctx.query.model,
      }),
    ),
);

export const { GET, HEAD, PATCH } = methodsNotAllowed({ POST, PUT, DELETE });
