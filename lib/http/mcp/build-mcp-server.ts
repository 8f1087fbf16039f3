import "server-only";
import { Readable } from "node:stream";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { listApps } from "@/lib/apps/list-apps";
import type { Permission } from "@/lib/auth/permissions";
import type { Caller } from "@/lib/auth/principal";
import type { KeyCaller } from "@/lib/auth/resolve-api-key";
import { catalogViewer } from "@/lib/catalog/catalog-viewer";
import { getModelDetail } from "@/lib/catalog/get-model-detail";
import { searchModels } from "@/lib/catalog/search-models";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { errorParts, stringifyJson } from "@/lib/http/respond";
import { modelCardMarkdown } from "@/lib/http/mcp/model-card-markdown";
import { getModelArgs, getSnippetArgs, invokeModelArgs, listMyAppsArgs, searchModelsArgs } from "@/lib/http/mcp/schemas";
import { newRequestId } from "@/lib/server/request-id";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";

export type McpCaller = Extract<Caller, { kind: "key" }>;

const text = (body: string, isError = false): CallToolResult => ({
  content: [{ type: "text", text: body }],
  ...(isError ? { isError } : {}),
});

/** A tool's answer: its result as JSON text, or the API's error body (same code and message) flagged isError. */
async function answer(run: (requestId: string) => Promise<unknown>): Promise<CallToolResult> {
  const requestId = newRequestId();
  try {
    return text(stringifyJson(await run(requestId)));
  } catch (error) {
    return text(errorParts(error, requestId).body, true);
  }
}

/**
 * The MCP server one key sees: only the tools its permissions allow are registered (so only those are listed
 * or callable), each a thin adapter over the domain function the REST route calls with the same caller —
 * the catalog's visibility, the snippets, the apps and the governed call of the gateway (channel `mcp`).
 * Built per request: the door is stateless.
 */
export function buildMcpServer(input: { caller: McpCaller; baseUrl: string }): McpServer {
  const { caller, baseUrl } = input;
  const key: KeyCaller = caller.key;
  const may = (p: Permission) => key.permissions.has(p);
  const viewer = catalogViewer(caller);
  const server = new McpServer(
    { name: "modelport", version: "1.0.0" },
    {
      instructions:
        "Modelport is the company's model catalog and gateway. Find a model with search_models, read it with get_model " +
        "(input schema and example), then call it with invoke_model. Model cards are resources modelport://models/{owner}/{name}.",
    },
  );

  // The same permissions as the REST routes: catalog search and detail, like invoke, take the invoke scope.
  if (may("models:invoke")) {
    server.registerTool(
      "search_models",
      {
        title: "Search models",
        description:
          "Search the catalog (words, typo tolerant; filters task, framework, tag, team, license, runtime, visibility, status): cards, total and facet counts.",
        inputSchema: searchModelsArgs,
        annotations: { readOnlyHint: true },
      },
      (query) => answer(() => searchModels({ viewer, query })),
    );
    server.registerTool(
      "get_model",
      {
        title: "Get a model",
        description:
          "A model's card, versions (status, runtime, input and output JSON Schema, example input), and usage facts of the last 30 days.",
        inputSchema: getModelArgs,
        annotations: { readOnlyHint: true },
      },
      ({ owner, name }) => answer(() => getModelDetail({ viewer, owner, name })),
    );
    server.registerTool(
      "invoke_model",
      {
        title: "Invoke a model",
        description:
          "Call a model through the gateway: `input` must match the version's input schema. `version` is exact (1.2.0) or a range (^1, 1.*); default latest approved. Returns {output, model, version, requestId}; errors are the API's ({error: {code, message, requestId}}).",
        inputSchema: invokeModelArgs,
        annotations: { readOnlyHint: false, openWorldHint: true },
      },
      async ({ owner, name, version, input }) => {
        const requestId = newRequestId();
        const json = Buffer.from(JSON.stringify(input ?? null));
        const parts = await invokeModel({
          body: { stream: Readable.from([json]), declaredBytes: json.byteLength },
          caller,
          requestId,
          owner,
          name,
          selector: { spec: version },
          channel: "mcp",
        }).catch((error: unknown) => errorParts(error, requestId));
        return text(parts.body, parts.status >= 400);
      },
    );
    server.registerResource(
      "model-card",
      new ResourceTemplate("modelport://models/{owner}/{name}", {
        list: async () => {
          const found = await searchModels({ viewer, query: { sort: "name", page: 1, pageSize: 100 } });
          return {
            resources: found.items.map((m) => ({
              uri: `modelport://models/${m.owner}/${m.name}`,
              name: m.slug,
              title: m.displayName,
              description: m.summary,
              mimeType: "text/markdown",
            })),
          };
        },
      }),
      { title: "Model card", description: "A model's card as Markdown", mimeType: "text/markdown" },
      async (uri, { owner, name }) => {
        const model = await getModelDetail({ viewer, owner: String(owner), name: String(name) });
        return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: modelCardMarkdown(model) }] };
      },
    );
  }

  if (may("catalog:read")) {
    server.registerTool(
      "get_snippet",
      {
        title: "Get client snippets",
        description:
          "Ready-to-run code that calls a model version from an application (target: shell, python, node, javascript, go, java, csharp, ruby, php, powershell).",
        inputSchema: getSnippetArgs,
        annotations: { readOnlyHint: true },
      },
      ({ owner, name, version, target }) =>
        answer(async () => {
          const snippets = await getModelSnippets({ owner, name, version, target, viewer: { teamIds: [key.teamId] }, baseUrl });
          return snippets.map(({ template: _template, ...s }) => s);
        }),
    );
  }

  // Every key may see its own app (never its secret, nor the app's other keys): "my apps" for an agent.
  server.registerTool(
    "list_my_apps",
    {
      title: "List my apps",
      description:
        "The app this API key belongs to: its team, business unit (charged for the calls) and this key's scopes and model allow-list.",
      inputSchema: listMyAppsArgs,
      annotations: { readOnlyHint: true },
    },
    () =>
      answer(async () => {
        const apps = await listApps({ teamIds: [key.teamId] });
        return { items: apps.filter((a) => a.id === key.appId).map((a) => ({ ...a, keys: a.keys.filter((k) => k.id === key.keyId) })) };
      }),
  );
  return server;
}
