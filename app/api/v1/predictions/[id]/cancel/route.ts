import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { cancelPrediction } from "@/lib/predictions/cancel-prediction";
import { predictionParams, predictionSchema } from "@/lib/predictions/schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/predictions/{id}/cancel — stop a prediction that has not finished.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/predictions/{id}/cancel",
    summary: "Cancel one of your predictions that is starting or processing",
    tags: ["predictions"],
    permission: "models:invoke",
    params: predictionParams,
    responses: {
      200: { description: "The canceled prediction", schema: predictionSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the invoke scope", schema: errorSchema },
      404: { description: "No such prediction of yours", schema: errorSchema },
      409: { description: "The prediction has already finished (succeeded, failed or canceled)", schema: errorSchema },
    },
  },
  async ({ caller, params }) => json(await cancelPrediction(caller, params.id)),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
