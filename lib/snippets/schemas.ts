import { z } from "zod";

export const snippetParamsSchema = z.object({ owner: z.string().min(1).max(100), name: z.string().min(1).max(100) });

export const snippetQuerySchema = z.object({
  version: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe(
      "An exact version (snippets in pinned and range form) or a range such as ^1 or 1.* (range form only); default: latest approved.",
    ),
  target: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .optional()
    .describe(
      "Only this language, e.g. shell, python, node, javascript, go, java, csharp, ruby, php, powershell; python-openai and node-openai (OpenAI SDK) for OpenAI-compatible versions; oip-curl (Open Inference Protocol) for ONNX and KServe V2 versions.",
    ),
});

export const snippetSchema = z.object({
  target: z.string().describe("Language key (httpsnippet target)."),
  client: z.string().describe("Client library key (httpsnippet client)."),
  label: z.string(),
  form: z.enum(["pinned", "range"]).describe("pinned = /versions/{version}/invoke; range = /invoke?version=<range>."),
  version: z.string().describe("The exact version or the range the snippet calls."),
  code: z.string().describe("Reads the key from the MODELPORT_API_KEY environment variable where the language has one."),
});
export type Snippet = z.infer<typeof snippetSchema>;

export const snippetListSchema = z.array(snippetSchema);
