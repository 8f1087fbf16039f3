import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inOipErrorShape, withOipErrors } from "@/lib/http/oip-errors";
import { inferHandler, inferSpec } from "@/lib/http/oip-routes";

export const dynamic = "force-dynamic";

// POST /oip/{owner}/v2/models/{name}/infer — Open Inference Protocol inference (latest approved version).
export const POST = withOipErrors(defineRoute(inferSpec(false), inferHandler));

export const { GET, HEAD, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ POST }));
