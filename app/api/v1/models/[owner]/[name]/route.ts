import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { getModelDetail } from "@/lib/catalog/get-model-detail";
import { modelPathParamsSchema } from "@/lib/catalog/schemas";
import { readJson, withApi } from "@/lib/http/handler";
import { publishAccess, publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { patchModelInput } from "@/lib/publishing/schemas";
import { updateModel } from "@/lib/publishing/update-model";

export const dynamic = "force-dynamic";

// GET /api/v1/models/{owner}/{name} — model detail with its versions and live facts (404 when not visible).
export const GET = withApi<{ owner: string; name: string }>(
  async ({ params, caller }) => {
    const { owner, name } = modelPathParamsSchema.parse(params);
    return json(await getModelDetail({ viewer: catalogViewer(caller), owner, name }));
  },
  { auth: "optional", scope: "invoke" },
);

// PATCH /api/v1/models/{owner}/{name} — the owning team edits the metadata and card.
export const PATCH = withApi<{ owner: string; name: string }>(async (ctx) => {
  const patch = patchModelInput.parse(await readJson(ctx.req, 300_000));
  return json(await updateModel(publishContextOf(ctx), ctx.params.owner, ctx.params.name, patch));
}, publishAccess);

export const { POST, PUT, DELETE } = methodsNotAllowed({ GET, PATCH });
