import { z } from "zod";
import { MAX_PRICE_MICROS } from "@/lib/usage/compute-cost";

// The publishing contract: the API handlers, the web forms and the OpenAPI document all use these.

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
// Every price is bounded (MAX_PRICE_MICROS = 10^12 micros, 1,000,000 currency units), so costs and values
// computed from it, summed over millions of calls, stay within PostgreSQL's bigint.
const micros = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of micro-units.` })
    .int({ error: `${what} must be a whole number of micro-units.` })
    .min(0, { error: `${what} cannot be negative.` })
    .max(MAX_PRICE_MICROS, {
      error: `${what} is at most ${MAX_PRICE_MICROS.toLocaleString("en-US")} micro-units (1,000,000 currency units).`,
    })
    .describe(`Integer micro-units (1 unit = 1,000,000), at most ${MAX_PRICE_MICROS}`);

export const modelPathParams = z.object({ owner: z.string().describe("owning team slug"), name: z.string().describe("model name") });
export const versionPathParams = modelPathParams.extend({ version: z.string().describe("exact semver, e.g. 1.2.0") });

export const createModelInput = z.object({
  name: z.string({ error: "Give the model a name." }).regex(slugPattern, {
    error: "Use 1–64 lowercase letters, digits and dashes, starting and ending with a letter or digit (e.g. churn-predictor).",
  }),
  displayName: z
    .string({ error: "Give the model a display name." })
    .trim()
    .min(1, { error: "Give the model a display name." })
    .max(120, { error: "Keep the display name under 120 characters." }),
  summary: z.string().trim().max(500, { error: "Keep the summary under 500 characters." }).default(""),
  card: z.string().max(200_000, { error: "The model card is too long (200,000 characters at most)." }).default(""),
  task: z
    .string({ error: "Say what task the model does." })
    .trim()
    .min(1, { error: "Say what task the model does (e.g. tabular-classification)." })
    .max(80),
  framework: z
    .string({ error: "Say which framework the model was built with." })
    .trim()
    .min(1, { error: "Say which framework the model was built with (e.g. onnx, pytorch)." })
    .max(80),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(40, { error: "Keep each tag under 40 characters." }))
    .max(20, { error: "Use at most 20 tags." })
    .default([]),
  license: z.string().trim().max(80).optional(),
  visibility: z.enum(["public", "gated"], { error: "Visibility is public or gated." }).default("public"),
  team: z.string().optional().describe("owning team slug; an API key defaults to its app's team"),
  businessOwnerEmail: z.email({ error: "Enter the business owner's email address." }).optional(),
  valuePerCallMicros: micros("The value per successful call").default(0),
  riskLevel: z.enum(["low", "medium", "high"], { error: "Risk level is low, medium or high." }).optional(),
  intendedUse: z.string().max(20_000).default(""),
  limitations: z.string().max(20_000).default(""),
});
export type CreateModelInput = z.infer<typeof createModelInput>;

/** What the owning team may change on a model after creating it (its name, team and visibility stay). */
export const patchModelInput = z
  .object({
    displayName: createModelInput.shape.displayName.optional(),
    summary: z.string().trim().max(500, { error: "Keep the summary under 500 characters." }).optional(),
    card: z.string().max(200_000, { error: "The model card is too long (200,000 characters at most)." }).optional(),
    tags: z
      .array(z.string().trim().toLowerCase().min(1).max(40, { error: "Keep each tag under 40 characters." }))
      .max(20, { error: "Use at most 20 tags." })
      .optional(),
    task: createModelInput.shape.task.optional(),
    license: z.string().trim().max(80).nullable().optional(),
    contactEmail: z
      .email({ error: "Enter the contact's email address." })
      .nullable()
      .optional()
      .describe("who to ask about the model; null = the owning team's contact"),
    riskLevel: z.enum(["low", "medium", "high"], { error: "Risk level is low, medium or high." }).nullable().optional(),
    businessOwnerEmail: z.email({ error: "Enter the business owner's email address." }).nullable().optional(),
    valuePerCallMicros: micros("The value per successful call").optional(),
    intendedUse: z.string().max(20_000).optional(),
    limitations: z.string().max(20_000).optional(),
  })
  .strict();
export type PatchModelInput = z.infer<typeof patchModelInput>;

export const modelMetadataSchema = z.object({
  slug: z.string(),
  owner: z.string(),
  name: z.string(),
  displayName: z.string(),
  summary: z.string(),
  card: z.string(),
  tags: z.array(z.string()),
  task: z.string(),
  license: z.string().nullable(),
  contactEmail: z.string().nullable(),
  riskLevel: z.enum(["low", "medium", "high"]).nullable(),
  businessOwnerEmail: z.string().nullable(),
  valuePerCallMicros: z.number().int(),
  intendedUse: z.string(),
  limitations: z.string(),
  updatedAt: z.string(),
  changed: z.array(z.string()).describe("the fields this request changed"),
});
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;

export const modelCreatedSchema = z.object({
  id: z.string(),
  slug: z.string(),
  owner: z.string(),
  name: z.string(),
  displayName: z.string(),
  visibility: z.enum(["public", "gated"]),
});

export const costModelSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("per_call"), microsPerCall: micros("The cost per call") }),
    z.object({
      kind: z.literal("compute_time"),
      hardwareClass: z.string().trim().min(1, { error: "Name the hardware class (e.g. cpu-small)." }).max(60),
    }),
    z.object({
      kind: z.literal("tokens"),
      inputMicrosPer1k: micros("The input token price"),
      outputMicrosPer1k: micros("The output token price"),
    }),
  ],
  { error: "The cost model kind is per_call, compute_time or tokens." },
);
export type CostModel = z.infer<typeof costModelSchema>;

const jsonSchemaObject = z.record(z.string(), z.unknown()).describe("a JSON Schema (draft 2020-12)");

const versionCommon = {
  version: z
    .string({ error: "Give the version a semantic version number (e.g. 1.0.0)." })
    .trim()
    .min(1, { error: "Give the version a semantic version number (e.g. 1.0.0)." })
    .max(64),
  changelog: z.string().max(20_000).default(""),
  exampleInput: z.unknown().optional().describe("validated against the input schema"),
  costModel: costModelSchema.default({ kind: "per_call", microsPerCall: 0 }),
  timeoutMs: z
    .number()
    .int()
    .min(100, { error: "The timeout is at least 100 ms." })
    .max(120_000, { error: "The timeout is at most 120000 ms." })
    .default(10_000),
};

const endpointUrl = z.url({ protocol: /^https?$/, error: "Enter the endpoint as an http:// or https:// URL." });
const headerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/, { error: "A header name uses letters, digits and dashes only." });

/** JSON body for the http/openai runtimes. */
export const httpVersionInput = z.object({
  ...versionCommon,
  runtime: z.enum(["http", "openai"], { error: "The runtime is onnx, http or openai." }),
  endpointUrl,
  protocol: z
    .enum(["generic", "kserve_v2", "openai"], { error: "The protocol is generic, kserve_v2 or openai." })
    .optional()
    .describe("defaults to openai for the openai runtime, generic otherwise"),
  upstreamModelName: z.string().trim().max(200).optional(),
  secretHeaderName: headerName.optional(),
  secretHeaderValue: z.string().max(4096).optional(),
  inputSchema: jsonSchemaObject.optional(),
  outputSchema: jsonSchemaObject.optional(),
});
export type HttpVersionInput = z.infer<typeof httpVersionInput>;

/** The non-file fields of the multipart body for the onnx runtime (JSON-valued fields arrive as JSON text). */
export const onnxVersionFields = z.object({ ...versionCommon, runtime: z.literal("onnx").default("onnx") });
export type OnnxVersionFields = z.infer<typeof onnxVersionFields>;

export const onnxMultipartBody = z.object({
  file: z.string().describe("the .onnx file (binary part)"),
  version: z.string(),
  changelog: z.string().optional(),
  exampleInput: z.string().optional().describe("JSON text"),
  costModel: z.string().optional().describe('JSON text, e.g. {"kind":"per_call","microsPerCall":100}'),
  timeoutMs: z.string().optional(),
});

export const addVersionQuery = z.object({
  dryRun: z.enum(["true", "false"]).optional().describe("validate and derive the schema without creating anything"),
});

/** Fields a draft may change. Version number, runtime and (for onnx) artifact and schema are fixed at creation. */
export const patchVersionInput = z
  .object({
    changelog: versionCommon.changelog.optional(),
    exampleInput: z.unknown().optional(),
    costModel: costModelSchema.optional(),
    timeoutMs: versionCommon.timeoutMs.optional(),
    endpointUrl: endpointUrl.optional(),
    protocol: z.enum(["generic", "kserve_v2", "openai"]).optional(),
    upstreamModelName: z.string().trim().max(200).nullable().optional(),
    secretHeaderName: headerName.nullable().optional(),
    secretHeaderValue: z.string().max(4096).nullable().optional(),
    inputSchema: jsonSchemaObject.nullable().optional(),
    outputSchema: jsonSchemaObject.nullable().optional(),
  })
  .strict();
export type PatchVersionInput = z.infer<typeof patchVersionInput>;

export const tensorInfoSchema = z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) });

export const versionViewSchema = z.object({
  id: z.string(),
  model: z.string().describe("owner/name"),
  version: z.string(),
  status: z.string(),
  runtime: z.enum(["onnx", "http", "openai"]),
  protocol: z.string().nullable(),
  endpointUrl: z.string().nullable(),
  upstreamModelName: z.string().nullable(),
  secretHeaderName: z.string().nullable().describe("the secret value is never returned"),
  timeoutMs: z.number(),
  artifactSha256: z.string().nullable(),
  artifactSize: z.number().nullable(),
  inputSchema: z.unknown().nullable(),
  outputSchema: z.unknown().nullable(),
  exampleInput: z.unknown().nullable(),
  costModel: z.unknown(),
  changelog: z.string(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  onnx: z
    .object({ inputs: z.array(tensorInfoSchema), outputs: z.array(tensorInfoSchema) })
    .optional()
    .describe("the tensors read from the ONNX graph, for confirmation"),
});
export type VersionView = z.infer<typeof versionViewSchema>;

export const dryRunSchema = z.object({
  dryRun: z.literal(true),
  version: z.string(),
  inputSchema: z.unknown().nullable(),
  outputSchema: z.unknown().nullable(),
  onnx: z.object({ inputs: z.array(tensorInfoSchema), outputs: z.array(tensorInfoSchema) }).optional(),
  suggestedExampleInput: z.unknown().optional().describe("an input shaped like the input schema, for the publisher to edit"),
  artifactSha256: z.string().optional(),
  artifactSize: z.number().optional(),
});

export const testConnectionInput = z.object({
  endpointUrl,
  protocol: z.enum(["generic", "kserve_v2", "openai"]).default("generic"),
  secretHeaderName: headerName.optional(),
  secretHeaderValue: z.string().max(4096).optional(),
  timeoutMs: versionCommon.timeoutMs,
});
export type TestConnectionInput = z.infer<typeof testConnectionInput>;

export const onnxInspection = z.object({
  suggested: z.object({
    name: z.string().describe("from the file name; empty when nothing usable is left"),
    displayName: z.string(),
    framework: z.literal("onnx"),
    license: z.string().nullable().describe("from metadata_props.license"),
    task: z.string().nullable(),
  }),
  onnx: z.object({ inputs: z.array(tensorInfoSchema), outputs: z.array(tensorInfoSchema) }),
  inputSchema: z.unknown(),
  outputSchema: z.unknown(),
  featureNames: z.array(z.string()).nullable().describe("metadata_props.feature_names, also in inputSchema x-feature-names"),
  classLabels: z
    .array(z.string())
    .nullable()
    .describe("metadata_props.class_labels (or classes, labels), also in outputSchema x-class-labels"),
  exampleInput: z.unknown().describe("an input shaped like the input schema, for the publisher to edit"),
});
export type OnnxInspection = z.infer<typeof onnxInspection>;

export const onnxInspectBody = z.object({ file: z.string().describe("the .onnx file (binary part)") });
