import { z } from "zod";
import { registerRoute } from "@/lib/openapi/registry";
import {
  addVersionQuery,
  createModelInput,
  dryRunSchema,
  httpVersionInput,
  modelCreatedSchema,
  modelMetadataSchema,
  modelPathParams,
  onnxMultipartBody,
  onnxInspectBody,
  onnxInspection,
  patchModelInput,
  patchVersionInput,
  versionPathParams,
  versionViewSchema,
} from "@/lib/publishing/schemas";

const auth: ("session" | "apiKey")[] = ["session", "apiKey"];

// The multipart form as the API reads it: the file is a binary part, the JSON-valued fields are JSON text.
const onnxUpload = onnxMultipartBody.extend({
  file: z.string().meta({ contentMediaType: "application/octet-stream", description: "the .onnx file (a binary part with a file name)" }),
});
const tags = ["publishing"];

registerRoute({
  method: "post",
  path: "/api/v1/models",
  summary: "Create a model in one of your teams (an API key: its app's team)",
  tags,
  auth,
  scope: "publish",
  body: createModelInput,
  responses: {
    201: { description: "Created", schema: modelCreatedSchema, headers: ["Location"] },
    409: { description: "The team already has a model with this name" },
    422: { description: "Unknown team or business owner" },
  },
});

registerRoute({
  method: "patch",
  path: "/api/v1/models/{owner}/{name}",
  summary: "Edit a model's metadata and card (the owning team; versions stay as submitted)",
  tags,
  auth,
  scope: "publish",
  params: modelPathParams,
  body: patchModelInput,
  responses: {
    200: { description: "Updated; `changed` lists the fields that changed (audited, webhook model.updated)", schema: modelMetadataSchema },
    400: { description: "A field is malformed" },
    403: { description: "Not the owning team" },
    404: { description: "No such model" },
    422: { description: "Unknown business owner" },
  },
});

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/versions",
  summary: "Add a draft version: JSON for the http/openai runtimes, multipart/form-data with the .onnx file for onnx",
  tags,
  auth,
  scope: "publish",
  params: modelPathParams,
  query: addVersionQuery,
  body: httpVersionInput,
  otherBodies: { "multipart/form-data": onnxUpload },
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
});

registerRoute({
  method: "patch",
  path: "/api/v1/models/{owner}/{name}/versions/{version}",
  summary: "Edit a draft version (submitted versions are immutable)",
  tags,
  auth,
  scope: "publish",
  params: versionPathParams,
  body: patchVersionInput,
  responses: {
    200: { description: "Updated", schema: versionViewSchema },
    409: { description: "Not a draft" },
    422: { description: "Example input does not match the schema" },
  },
});

registerRoute({
  method: "delete",
  path: "/api/v1/models/{owner}/{name}/versions/{version}",
  summary: "Delete a draft version",
  tags,
  auth,
  scope: "publish",
  params: versionPathParams,
  responses: { 204: { description: "Deleted" }, 409: { description: "Not a draft" } },
});

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/versions/{version}/submit",
  summary: "Submit a draft for review (draft → pending_review)",
  tags,
  auth,
  scope: "publish",
  params: versionPathParams,
  responses: { 200: { description: "Submitted", schema: versionViewSchema }, 409: { description: "invalid_transition: not a draft" } },
});

registerRoute({
  method: "post",
  path: "/api/v1/onnx/inspect",
  summary:
    "Read an .onnx file without publishing anything: suggested name and display name, derived schemas, feature names and class labels from its metadata_props, a first example input",
  tags,
  auth,
  scope: "publish",
  body: onnxInspectBody,
  bodyContentType: "multipart/form-data",
  responses: {
    200: { description: "What the file says", schema: onnxInspection },
    413: { description: "The file is over the upload limit" },
    415: { description: "Not multipart" },
    422: { description: "invalid_artifact: not ONNX / does not load" },
  },
});
