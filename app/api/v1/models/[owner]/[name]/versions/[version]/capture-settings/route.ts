import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { updateCaptureSettings } from "@/lib/model-health/capture-settings";
import { captureSettingsBody, captureSettingsSchema, healthVersionParams } from "@/lib/model-health/schemas";
import { errorSchema } from "@/lib/openapi/registry";

// PATCH /api/v1/models/{owner}/{name}/versions/{version}/capture-settings — capture rate and redacted fields.
export const PATCH = defineRoute(
  {
    method: "patch",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/capture-settings",
    summary: "Set a version's payload capture rate and redacted fields (owning team's publishers, admins)",
    tags: ["model health"],
    permission: "models:publish",
    params: healthVersionParams,
    body: captureSettingsBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "The settings now in force", schema: captureSettingsSchema },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not an owner", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
    },
  },
  async (ctx) =>
    json(await updateCaptureSettings({ principal: ctx.principal, actor: actorOf(ctx.caller, ctx), ref: ctx.params, body: ctx.body })),
);

export const { GET, HEAD, POST, PUT, DELETE } = methodsNotAllowed({ PATCH });
