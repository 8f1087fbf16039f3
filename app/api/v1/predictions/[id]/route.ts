import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { getPrediction } from "@/lib/predictions/get-prediction";
import { predictionParams, predictionSchema } from "@/lib/predictions/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/predictions/{id} — one async prediction: its status, and its output once it has succeeded.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/predictions/{id}",
    summary: "One of your async predictions: status, output or error, times and metrics",
    tags: ["predictions"],
    permission: "models:invoke",
    params: predictionParams,
    responses: {
      200: { description: "The prediction", schema: predictionSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the invoke scope", schema: errorSchema },
      404: { description: "No such prediction of yours (another app's or person's answers the same)", schema: errorSchema },
    },
  },
  async ({ caller, params }) => json(await getPrediction(caller, params.id)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
