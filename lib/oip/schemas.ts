import { z } from "zod";

// The Open Inference Protocol (KServe V2) REST shapes, as its specification writes them (snake_case).

export const OIP_DATATYPES = [
  "BOOL",
  "UINT8",
  "UINT16",
  "UINT32",
  "UINT64",
  "INT8",
  "INT16",
  "INT32",
  "INT64",
  "FP16",
  "FP32",
  "FP64",
  "BYTES",
] as const;
export type OipDatatype = (typeof OIP_DATATYPES)[number];

const parameters = z.record(z.string(), z.unknown()).optional();

export const oipInputTensor = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  datatype: z.enum(OIP_DATATYPES),
  parameters,
  /** Row-major, flat or nested as the shape. */
  data: z.array(z.unknown()),
});
export type OipInputTensor = z.infer<typeof oipInputTensor>;

export const oipInferRequest = z
  .object({
    id: z.string().max(200).optional(),
    parameters,
    inputs: z.array(oipInputTensor).min(1),
    outputs: z.array(z.object({ name: z.string().min(1), parameters })).optional(),
  })
  .describe("Open Inference Protocol: OipInferRequest");
export type OipInferRequest = z.infer<typeof oipInferRequest>;

export const oipOutputTensor = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  datatype: z.string(),
  data: z.array(z.unknown()),
});
export type OipOutputTensor = z.infer<typeof oipOutputTensor>;

export const oipInferResponse = z
  .object({ model_name: z.string(), model_version: z.string().optional(), id: z.string(), outputs: z.array(oipOutputTensor) })
  .describe("Open Inference Protocol: OipInferResponse");

const tensorMetadata = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number().int()) });
export type OipTensorMetadata = z.infer<typeof tensorMetadata>;

export const oipModelMetadata = z
  .object({
    name: z.string(),
    versions: z.array(z.string()).optional(),
    platform: z.string(),
    inputs: z.array(tensorMetadata),
    outputs: z.array(tensorMetadata),
  })
  .describe("Open Inference Protocol: OipModelMetadata");

export const oipModelReady = z.object({ name: z.string(), ready: z.boolean() }).describe("Open Inference Protocol: OipModelReady");
export const oipServerReady = z.object({ ready: z.boolean() }).describe("Open Inference Protocol: OipServerReady");
export const oipErrorBody = z.object({ error: z.string() }).describe("Open Inference Protocol: OipError");

export const oipModelParams = z.object({ owner: z.string().min(1), name: z.string().min(1) });
export const oipVersionParams = oipModelParams.extend({ version: z.string().min(1) });
