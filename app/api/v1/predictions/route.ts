import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { listPredictions } from "@/lib/predictions/list-predictions";
import { listPredictionsQuery, predictionListSchema } from "@/lib/predictions/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/predictions — the caller's async predictions (a key: its app's), newest first.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/predictions",
    summary: "Your async predictions (a key: its app's), newest first, a page at a time",
    tags: ["predictions"],
    permission: "models:invoke",
    query: listPredictionsQuery,
    responses: {
      200: { description: "A page of predictions", schema: predictionListSchema },
      400: { description: "Invalid query", schema: errorSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the invoke scope", schema: errorSchema },
    },
  },
  async ({ caller, query }) => json(await listPredictions(caller, query)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
