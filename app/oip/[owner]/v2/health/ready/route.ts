import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { oipServerReady } from "@/lib/oip/door";
import { inOipErrorShape, oipReadErrors, withOipErrors } from "@/lib/http/oip-errors";
import { oipServerReady as readySchema } from "@/lib/oip/schemas";
import { z } from "zod";

export const dynamic = "force-dynamic";

// GET /oip/{owner}/v2/health/ready — Open Inference Protocol server ready for one owner's models.
export const GET = withOipErrors(
  defineRoute(
    {
      method: "get",
      path: "/oip/{owner}/v2/health/ready",
      summary: "Open Inference Protocol server ready: the door for this owner's models answers",
      tags: ["open-inference-protocol"],
      permission: "models:invoke",
      params: z.object({ owner: z.string().min(1) }),
      responses: {
        200: { description: "Ready", schema: readySchema },
        401: oipReadErrors[401],
        404: oipReadErrors[404],
        429: oipReadErrors[429],
      },
    },
    async ({ params }) => json(await oipServerReady(params.owner)),
  ),
);

export const { POST, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ GET }));
