import { defineRoute } from "@/lib/http/define-route";
import { readOnnxUpload } from "@/lib/http/read-version-request";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { inspectOnnx } from "@/lib/publishing/inspect-onnx";
import { publisherOf } from "@/lib/publishing/publisher";
import { onnxInspectBody, onnxInspection } from "@/lib/publishing/schemas";

// POST /api/v1/onnx/inspect — what the New model form can fill in from an ONNX file, before anything is created.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/onnx/inspect",
    summary:
      "Read an .onnx file without publishing anything: suggested name and display name, derived schemas, feature names and class labels from its metadata_props, a first example input",
    tags: ["publishing"],
    permission: "models:publish",
    requestBodies: { "multipart/form-data": onnxInspectBody },
    responses: {
      200: { description: "What the file says", schema: onnxInspection },
      413: { description: "The file is over the upload limit" },
      415: { description: "Not multipart" },
      422: { description: "invalid_artifact: not ONNX / does not load" },
    },
  },
  async (ctx) => {
    publisherOf(ctx.caller);
    return json(await inspectOnnx(await readOnnxUpload(ctx.req)));
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
