import { errorSchema, registerRoute } from "@/lib/openapi/registry";
import { snippetListSchema, snippetParamsSchema, snippetQuerySchema } from "@/lib/snippets/schemas";

registerRoute({
  method: "get",
  path: "/api/v1/models/{owner}/{name}/snippets",
  summary: "Ready-to-run client snippets for a model version",
  tags: ["models"],
  auth: ["session", "apiKey"],
  anonymous: true,
  scope: "read",
  params: snippetParamsSchema,
  query: snippetQuerySchema,
  responses: {
    200: {
      description: "Snippets in cURL, Python, JavaScript, Node.js, Go, Java, C#, Ruby, PHP and PowerShell",
      schema: snippetListSchema,
    },
    410: { description: "The version is retired", schema: errorSchema },
    422: { description: "The version is neither a version nor a range", schema: errorSchema },
  },
});
