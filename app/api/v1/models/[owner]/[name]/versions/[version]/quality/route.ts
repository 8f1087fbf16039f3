import { versionParams } from "@/lib/governance/schemas";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { findHealthVersion } from "@/lib/model-health/feedback/find-health-version";
import { getVersionQuality } from "@/lib/model-health/feedback/get-version-quality";
import { qualityQuery, versionQuality } from "@/lib/model-health/feedback/schemas";
import { errorSchema } from "@/lib/openapi/registry";
import { AppError } from "@/lib/server/errors";

// GET /api/v1/models/{owner}/{name}/versions/{version}/quality — live quality from ground truth, over time.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/quality",
    summary: "A version's live quality from feedback (accuracy, precision/recall per class, MAE/RMSE), per hour or day",
    tags: ["model health"],
    permission: "catalog:read",
    params: versionParams,
    query: qualityQuery,
    responses: {
      200: { description: "Quality in the window (default the last 7 days)", schema: versionQuality },
      400: { description: "Invalid window", schema: errorSchema },
      401: { description: "Not signed in or no valid key", schema: errorSchema },
      404: { description: "No such version, or not the owning team, a reviewer, an admin or an executive", schema: errorSchema },
    },
  },
  async ({ principal, params, query }) => {
    const version = await findHealthVersion(principal!, params);
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to || to.getTime() - from.getTime() > 400 * 86_400_000)
      throw new AppError("bad_request", "`from` must be before `to`, at most 400 days apart.");
    return json(await getVersionQuality(version.id, from, to, query.granularity));
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
