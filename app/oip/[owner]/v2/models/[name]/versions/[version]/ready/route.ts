import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inOipErrorShape, withOipErrors } from "@/lib/http/oip-errors";
import { readyHandler, readySpec } from "@/lib/http/oip-routes";

export const dynamic = "force-dynamic";

// GET /oip/{owner}/v2/models/{name}/versions/{version}/ready — Open Inference Protocol model ready of one version.
export const GET = withOipErrors(defineRoute(readySpec(true), readyHandler));

export const { POST, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ GET }));
