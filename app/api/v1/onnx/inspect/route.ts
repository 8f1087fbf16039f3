import { withApi } from "@/lib/http/handler";
import { publishAccess } from "@/lib/http/publish-context";
import { readOnnxUpload } from "@/lib/http/read-version-request";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inspectOnnx } from "@/lib/publishing/inspect-onnx";
import { publisherOf } from "@/lib/publishing/publisher";

// POST /api/v1/onnx/inspect — what the New model form can fill in from an ONNX file, before anything is created.
export const POST = withApi(async (ctx) => {
  publisherOf(ctx.caller);
  return json(await inspectOnnx(await readOnnxUpload(ctx.req)));
}, publishAccess);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
