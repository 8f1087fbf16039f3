import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inOipErrorShape, withOipErrors } from "@/lib/http/oip-errors";
import { inferHandler, inferSpec } from "@/lib/http/oip-routes";

export const dynamic = "force-dynamic";

// POST /oip/{owner}/v2/models/{name}/versions/{version}/infer — Open Inference Protocol inference on one version.
export const POST = withOipErrors(defineRoute(inferSpec(true), inferHandler));

export const { GET, HEAD, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ POST }));
