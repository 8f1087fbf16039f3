import { AccessRequestPanel } from "@/components/governance/access-request-panel";
import { TryItConsole } from "@/components/console/try-it-console";
import { DeprecatePanel } from "@/components/governance/deprecate-panel";
import { SnippetsPanel } from "@/components/snippets/snippets-panel";
import { McpConfigPanel } from "@/components/api-docs/mcp-config-panel";
import { listMyTeams } from "@/lib/apps/list-my-teams";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { getDeprecationOptions } from "@/lib/governance/get-deprecation-options";
import { getMyModelAccess } from "@/lib/governance/list-access-requests";
import { getTryItContext } from "@/lib/snippets/get-try-it-context";
import { mcpClientConfigs } from "@/lib/snippets/mcp-client-configs";
import { pageBaseUrl } from "@/lib/snippets/page-base-url";

type Props = { modelSlug: string; modelId: string; version: string | null; visibility: "public" | "gated" };

/**
 * What a model/version page adds from other domains: gated-access requests and the deprecate form
 * (governance), the "Try it" console and client snippets (consumers). Each part decides on the server
 * what the viewer may see.
 */
export async function ModelPageExtras({ modelSlug, modelId, version, visibility }: Props) {
  const user = await getCurrentUser();
  const [owner, name] = modelSlug.split("/");
  const managesApps = Boolean(user && can(user.role, "apps:manage"));
  const portalUrl = await pageBaseUrl();
  const [context, deprecation, access, teams] = await Promise.all([
    getTryItContext({ modelId, version, user, baseUrl: portalUrl }),
    user && version ? getDeprecationOptions({ user, modelId, version }) : null,
    user && visibility === "gated" && managesApps ? getMyModelAccess({ user, modelId }) : null,
    user && managesApps ? listMyTeams({ teamIds: user.teamIds }) : null,
  ]);
  // "Create a key for this snippet": for users who may manage apps (their teams' apps, or a new one).
  const keyDialog = teams
    ? {
        model: modelSlug,
        gated: visibility === "gated",
        teams: teams.map((t) => ({ id: t.id, name: t.name, businessUnit: t.businessUnit.name })),
      }
    : null;
  const base = `/api/v1/models/${encodeURIComponent(owner ?? "")}/${encodeURIComponent(name ?? "")}`;
  return (
    <div className="space-y-6" data-model={modelSlug} data-visibility={visibility}>
      {access && <AccessRequestPanel url={`${base}/access-requests`} apps={access} />}
      {context &&
        (context.version ? (
          <>
            <TryItConsole
              model={context.model}
              version={context.version}
              exampleInput={context.exampleInput}
              inputSchema={context.inputSchema}
              outputSchema={context.outputSchema}
              disabledReason={context.disabledReason}
            />
            <SnippetsPanel snippets={context.snippets} signedIn={Boolean(user)} keyDialog={keyDialog} />
            <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="model-mcp">
              <summary className="cursor-pointer font-medium">From an AI agent or coding assistant (MCP)</summary>
              <p className="mt-2 text-slate-600">
                Paste this into the agent&apos;s MCP settings, then ask it to call <code>{modelSlug}</code>. The tools and scopes are on{" "}
                <a className="underline" href="/docs/mcp">
                  the MCP page
                </a>
                .
              </p>
              <div className="mt-3">
                <McpConfigPanel configs={mcpClientConfigs(portalUrl)} signedIn={Boolean(user)} />
              </div>
            </details>
          </>
        ) : (
          <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">{context.disabledReason}</p>
        ))}
      {deprecation && version && (
        <DeprecatePanel
          url={`${base}/versions/${encodeURIComponent(version)}/deprecate`}
          version={version}
          replacements={deprecation.replacements}
        />
      )}
    </div>
  );
}
