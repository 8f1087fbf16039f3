import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { deleteVersion } from "@/lib/publishing/delete-version";
import { patchVersionInput, versionPathParams, versionViewSchema } from "@/lib/publishing/schemas";
import { updateVersion } from "@/lib/publishing/update-version";

const PATH = "/api/v1/models/{owner}/{name}/versions/{version}";

// PATCH /api/v1/models/{owner}/{name}/versions/{version} — edit a draft.
export const PATCH = defineRoute(
  {
    method: "patch",
    path: PATH,
    summary: "Edit a draft version (submitted versions are immutable)",
    tags: ["publishing"],
    permission: "models:publish",
    params: versionPathParams,
    body: patchVersionInput,
    responses: {
      200: { description: "Updated", schema: versionViewSchema },
      409: { description: "Not a draft" },
      422: { description: "Example input does not match the schema" },
    },
  },
  async (ctx) => {
    const { owner, name, version } = ctx.params;
    return json(await updateVersion(publishContextOf(ctx), owner, name, version, ctx.body));
  },
);

// DELETE /api/v1/models/{owner}/{name}/versions/{version} — delete a draft.
export const DELETE = defineRoute(
  {
    method: "delete",
    path: PATH,
    summary: "Delete a draft version",
    tags: ["publishing"],
    permission: "models:publish",
    params: versionPathParams,
    responses: { 204: { description: "Deleted" }, 409: { description: "Not a draft" } },
  },
  async (ctx) => {
    const { owner, name, version } = ctx.params;
    await deleteVersion(publishContextOf(ctx), owner, name, version);
    return new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, POST, PUT } = methodsNotAllowed({ PATCH, DELETE });
