import { readJson, withApi } from "@/lib/http/handler";
import { publishAccess, publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { deleteVersion } from "@/lib/publishing/delete-version";
import { patchVersionInput } from "@/lib/publishing/schemas";
import { updateVersion } from "@/lib/publishing/update-version";

type VersionParams = { owner: string; name: string; version: string };

// PATCH /api/v1/models/{owner}/{name}/versions/{version} — edit a draft.
export const PATCH = withApi<VersionParams>(async (ctx) => {
  const patch = patchVersionInput.parse(await readJson(ctx.req));
  return json(await updateVersion(publishContextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version, patch));
}, publishAccess);

// DELETE /api/v1/models/{owner}/{name}/versions/{version} — delete a draft.
export const DELETE = withApi<VersionParams>(async (ctx) => {
  await deleteVersion(publishContextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version);
  return new Response(null, { status: 204 });
}, publishAccess);

export const { GET, HEAD, POST, PUT } = methodsNotAllowed({ PATCH, DELETE });
