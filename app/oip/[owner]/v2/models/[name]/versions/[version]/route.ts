import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inOipErrorShape, withOipErrors } from "@/lib/http/oip-errors";
import { metadataHandler, metadataSpec } from "@/lib/http/oip-routes";

export const dynamic = "force-dynamic";

// GET /oip/{owner}/v2/models/{name}/versions/{version} — Open Inference Protocol model metadata of one version.
export const GET = withOipErrors(defineRoute(metadataSpec(true), metadataHandler));

export const { POST, PUT, PATCH, DELETE } = inOipErrorShape(methodsNotAllowed({ GET }));
