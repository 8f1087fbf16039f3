import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { getModelDetail } from "@/lib/catalog/get-model-detail";
import { modelDetailSchema, modelPathParamsSchema } from "@/lib/catalog/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { modelMetadataSchema, modelPathParams, patchModelInput } from "@/lib/publishing/schemas";
import { updateModel } from "@/lib/publishing/update-model";

export const dynamic = "force-dynamic";

// GET /api/v1/models/{owner}/{name} — model detail with its versions and live facts (404 when not visible).
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}",
    summary: "Model detail: metadata, card, versions with reviews, live facts from the last 30 days",
    tags: ["catalog"],
    permission: "models:invoke",
    anonymous: true,
    params: modelPathParamsSchema,
    responses: {
      200: { description: "The model", schema: modelDetailSchema },
      401: { description: "Invalid API key" },
      404: { description: "No such model, or not visible to the caller" },
    },
  },
  async ({ params, caller }) => json(await getModelDetail({ viewer: catalogViewer(caller), ...params })),
);

// PATCH /api/v1/models/{owner}/{name} — the owning team edits the metadata and card.
export const PATCH = defineRoute(
  {
    method: "patch",
    path: "/api/v1/models/{owner}/{name}",
    summary: "Edit a model's metadata and card (the owning team; versions stay as submitted)",
    tags: ["publishing"],
    permission: "models:publish",
    params: modelPathParams,
    body: patchModelInput,
    bodyLimit: 300_000,
    responses: {
      200: {
        description: "Updated; `changed` lists the fields that changed (audited, webhook model.updated)",
        schema: modelMetadataSchema,
      },
      400: { description: "A field is malformed" },
      403: { description: "Not the owning team" },
      404: { description: "No such model" },
      422: { description: "Unknown business owner" },
    },
  },
  async (ctx) => json(await updateModel(publishContextOf(ctx), ctx.params.owner, ctx.params.name, ctx.body)),
);

export const { POST, PUT, DELETE } = methodsNotAllowed({ GET, PATCH });
