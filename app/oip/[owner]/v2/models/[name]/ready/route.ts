import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inOipErrorShape, withOipErrors } from "@/lib/http/oip-errors";
import { readyHandler, readySpec } from "@/lib/http/oip-routes";

export const dynamic = "force-dynamic";

// GET /oip/{owner}/v2/models/{name}/ready — Open Inference Protocol model ready (latest approved version).
export const GET = withOipErrors(defineRoute(readySpec(false), readyHandler));

export const { POST, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ GET }));
