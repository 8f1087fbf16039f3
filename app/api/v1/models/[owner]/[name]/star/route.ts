import { modelPathParamsSchema } from "@/lib/catalog/schemas";
import { requireCurateViewer } from "@/lib/collections/curate-viewer";
import { starStateSchema } from "@/lib/collections/schemas";
import { setStar } from "@/lib/collections/set-star";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute, type RouteContext } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

const responses = {
  200: { description: "Whether you star the model now, and its star count", schema: starStateSchema },
  401: { description: "Not signed in / invalid API key", schema: errorSchema },
  403: { description: "A key without the curate scope", schema: errorSchema },
  404: { description: "No such model you may see", schema: errorSchema },
};

const star = (starred: boolean) => async (ctx: RouteContext<{ owner: string; name: string }>) =>
  json(
    await setStar({
      viewer: requireCurateViewer(ctx.principal),
      actor: actorOf(ctx.caller, ctx),
      slug: `${ctx.params.owner}/${ctx.params.name}`,
      starred,
    }),
  );

// PUT /api/v1/models/{owner}/{name}/star — star a model (idempotent).
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/models/{owner}/{name}/star",
    summary: "Star a model (idempotent)",
    tags: ["collections"],
    permission: "catalog:curate",
    params: modelPathParamsSchema,
    responses,
  },
  star(true),
);

// DELETE /api/v1/models/{owner}/{name}/star — take your star back (idempotent).
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/models/{owner}/{name}/star",
    summary: "Unstar a model (idempotent)",
    tags: ["collections"],
    permission: "catalog:curate",
    params: modelPathParamsSchema,
    responses,
  },
  star(false),
);

export const { GET, HEAD, POST, PATCH } = methodsNotAllowed({ PUT, DELETE });
