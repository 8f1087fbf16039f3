import { requireCurateViewer } from "@/lib/collections/curate-viewer";
import { deleteCollection } from "@/lib/collections/delete-collection";
import { getCollection } from "@/lib/collections/get-collection";
import { collectionIdParams, collectionSchema, updateCollectionBody } from "@/lib/collections/schemas";
import { updateCollection } from "@/lib/collections/update-collection";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

const notYours = {
  401: { description: "Not signed in / invalid API key", schema: errorSchema },
  403: { description: "Someone else's company-wide collection, or a key without the curate scope", schema: errorSchema },
  404: { description: "No such collection you may see", schema: errorSchema },
};

// GET /api/v1/collections/{id} — a collection with its models in order (those you may see).
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/collections/{id}",
    summary: "A collection with its models in order, each with its note (models you may not see are left out)",
    tags: ["collections"],
    permission: "catalog:read",
    params: collectionIdParams,
    responses: { 200: { description: "The collection", schema: collectionSchema }, ...notYours },
  },
  async ({ principal, params }) => json(await getCollection({ viewer: requireCurateViewer(principal), id: params.id })),
);

// PATCH /api/v1/collections/{id} — rename, describe or change who sees it (owner only).
export const PATCH = defineRoute(
  {
    method: "patch",
    path: "/api/v1/collections/{id}",
    summary: "Change a collection's title, description or visibility (its owner)",
    tags: ["collections"],
    permission: "catalog:curate",
    params: collectionIdParams,
    body: updateCollectionBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "The changed collection", schema: collectionSchema },
      400: { description: "Invalid body", schema: errorSchema },
      ...notYours,
    },
  },
  async (ctx) =>
    json(
      await updateCollection({
        viewer: requireCurateViewer(ctx.principal),
        actor: actorOf(ctx.caller, ctx),
        id: ctx.params.id,
        body: ctx.body,
      }),
    ),
);

// DELETE /api/v1/collections/{id} — delete a collection (owner only); its models stay.
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/collections/{id}",
    summary: "Delete a collection (its owner); the models are untouched",
    tags: ["collections"],
    permission: "catalog:curate",
    params: collectionIdParams,
    responses: { 204: { description: "Deleted" }, ...notYours },
  },
  async (ctx) => {
    await deleteCollection({ viewer: requireCurateViewer(ctx.principal), actor: actorOf(ctx.caller, ctx), id: ctx.params.id });
    return new Response(null, { status: 204 });
  },
);

export const { POST, PUT } = methodsNotAllowed({ GET, PATCH, DELETE });
