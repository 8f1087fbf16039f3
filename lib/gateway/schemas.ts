import { z } from "zod";

export const invokeModelParams = z.object({
  owner: z.string().min(1).describe("Owning team's slug"),
  name: z.string().min(1).describe("Model name"),
});

export const invokeVersionParams = invokeModelParams.extend({
  version: z.string().min(1).describe("Exact semver version, e.g. 1.2.0"),
});

export const invokeQuery = z.object({
  version: z
    .string()
    .max(100)
    .optional()
    .describe(
      "Exact version (1.2.0) or a semver range (1.*, ^1.2, ~1.2.3) resolved over approved and deprecated versions; default: latest approved",
    ),
});

export const invokeBody = z.unknown().describe("The model's input: JSON valid against the version's input schema");

export const invokeResponse = z.object({
  output: z.unknown().describe("The model's output"),
  model: z.string().describe("owner/name"),
  version: z.string().describe("The exact version that answered"),
  requestId: z.string(),
});

export type InvokeResponse = z.infer<typeof invokeResponse>;
