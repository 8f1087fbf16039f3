import type { Metadata } from "next";
import Link from "next/link";
import { DocsNav } from "@/components/api-docs/docs-nav";
import { McpConfigPanel } from "@/components/api-docs/mcp-config-panel";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { mcpClientConfigs } from "@/lib/snippets/mcp-client-configs";
import { pageBaseUrl } from "@/lib/snippets/page-base-url";

export const metadata: Metadata = { title: "MCP server for agents" };

const TOOLS: { name: string; what: string; scope: string }[] = [
  { name: "search_models", what: "Search the catalog (words, filters, facets) → model cards", scope: "invoke" },
  { name: "get_model", what: "A model: card, versions, input/output schema, example input, usage facts, status", scope: "invoke" },
  {
    name: "invoke_model",
    what: "Call a model (owner/name, version or range, input) → output; the API's errors as tool errors",
    scope: "invoke",
  },
  { name: "get_snippet", what: "Ready-to-run client code for a version, in a language", scope: "read" },
  { name: "list_my_apps", what: "The app the key belongs to: team, business unit, the key's scopes", scope: "any key" },
];

// The MCP door (POST /mcp) described for people: what an agent gets, and the configuration to paste.
export default async function McpDocsPage() {
  const base = await pageBaseUrl();
  const user = await getCurrentUser();
  const managesApps = Boolean(user && can(user.role, "apps:manage"));
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <DocsNav current="mcp" />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">MCP server for agents</h1>
        <p className="text-slate-600">
          AI agents and coding assistants reach the catalog and the gateway through the Model Context Protocol at{" "}
          <code className="break-all">{base}/mcp</code> (Streamable HTTP). They authenticate with a Modelport API key as{" "}
          <code>Authorization: Bearer …</code> and can do exactly what the key may do: its scopes decide which tools are listed, gated
          models need an access grant for its app, and every call counts against its rate limits and is recorded under its app with the
          channel “MCP”.
        </p>
        <p className="text-sm text-slate-600">
          {managesApps ? (
            <>
              Create a key with the <strong>invoke</strong> and <strong>read</strong> scopes under{" "}
              <Link href="/apps" className="underline">
                My apps
              </Link>
              , then insert it below.
            </>
          ) : (
            <>An administrator or a member of your team creates keys under My apps; ask for one with the invoke and read scopes.</>
          )}
        </p>
      </header>
      <McpConfigPanel configs={mcpClientConfigs(base)} signedIn={Boolean(user)} />
      <section aria-labelledby="mcp-tools-title" className="space-y-2">
        <h2 id="mcp-tools-title" className="text-lg font-semibold">
          Tools
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th className="py-1 pr-4">Tool</th>
                <th className="py-1 pr-4">What it does</th>
                <th className="py-1">Key scope</th>
              </tr>
            </thead>
            <tbody>
              {TOOLS.map((t) => (
                <tr key={t.name} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-4">
                    <code>{t.name}</code>
                  </td>
                  <td className="py-1 pr-4">{t.what}</td>
                  <td className="py-1">{t.scope}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm text-slate-600">
          Tool inputs are the API&apos;s own schemas (see the{" "}
          <Link href="/docs/api" className="underline">
            API reference
          </Link>
          ). A refused call answers the API&apos;s error body <code>{`{"error": {"code", "message", "requestId"}}`}</code> as an MCP tool
          error; a missing or invalid key answers HTTP 401 with a JSON-RPC error.
        </p>
      </section>
      <section aria-labelledby="mcp-resources-title" className="space-y-2">
        <h2 id="mcp-resources-title" className="text-lg font-semibold">
          Resources
        </h2>
        <p className="text-sm text-slate-600">
          Each model card the key may see, as Markdown:{" "}
          <code>
            modelport://models/{"{owner}"}/{"{name}"}
          </code>
          .
        </p>
      </section>
    </div>
  );
}
