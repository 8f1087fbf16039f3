import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { readVersionRequest } from "@/lib/http/read-version-request";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { addVersion } from "@/lib/publishing/add-version";
import {
  addVersionQuery,
  dryRunSchema,
  httpVersionInput,
  modelPathParams,
  onnxMultipartBody,
  versionViewSchema,
} from "@/lib/publishing/schemas";

// The multipart form as the API reads it: the file is a binary part, the JSON-valued fields are JSON text.
const onnxUpload = onnxMultipartBody.extend({
  file: z.string().meta({ contentMediaType: "application/octet-stream", description: "the .onnx file (a binary part with a file name)" }),
});

// POST /api/v1/models/{owner}/{name}/versions — a new version (JSON for an HTTP endpoint, multipart for ONNX);
// ?dryRun=true validates without writing. The handler reads the body: its type decides how.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions",
    summary: "Add a draft version: JSON for the http/openai runtimes, multipart/form-data with the .onnx file for onnx",
    tags: ["publishing"],
    permission: "models:publish",
    params: modelPathParams,
    query: addVersionQuery,
    requestBodies: { "application/json": httpVersionInput, "multipart/form-data": onnxUpload },
    responses: {
      201: {
        description: "Draft created; for onnx the schema derived from the graph is returned for confirmation",
        schema: versionViewSchema,
        headers: ["Location"],
      },
      200: { description: "dryRun=true: checked, nothing created", schema: dryRunSchema },
      409: { description: "The version already exists" },
      413: { description: "The file is over the upload limit" },
      415: { description: "Neither JSON nor multipart" },
      422: {
        description:
          "invalid_semver (with the reason), invalid_artifact (not ONNX / does not load), schema_validation_failed (details.pointer)",
      },
    },
  },
  async (ctx) => {
    const input = await readVersionRequest(ctx.req);
    const { owner, name } = ctx.params;
    const result = await addVersion(publishContextOf(ctx), owner, name, input, { dryRun: ctx.query.dryRun === "true" });
    if ("dryRun" in result) return json(result);
    return json(result, { status: 201, headers: { location: `/api/v1/models/${result.model}/versions/${result.version}` } });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
