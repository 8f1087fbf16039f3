import { AccessRequestPanel } from "@/components/access-request-panel";
import { DeprecatePanel } from "@/components/deprecate-panel";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { getDeprecationOptions } from "@/lib/governance/get-deprecation-options";
import { getMyModelAccess } from "@/lib/governance/list-access-requests";

type Props = { modelSlug: string; modelId: string; version?: string | null; visibility: "public" | "gated" };

/**
 * Extra panels on the model page contributed by other domains (governance: the gated-access request
 * panel, and the deprecate form for the owning team and reviewers). A server component: each panel decides on the server what the viewer may see.
 */
export async function ModelPageExtras({ modelSlug, modelId, version, visibility }: Props) {
  const user = await getCurrentUser();
  if (!user) return null;
  const [owner, name] = modelSlug.split("/");
  const deprecation = version ? await getDeprecationOptions({ user, modelId, version }) : null;
  return (
    <div className="space-y-4">
      {visibility === "gated" && can(user.role, "apps:manage") && owner && name && (
        <AccessRequestPanel
          url={`/api/v1/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/access-requests`}
          apps={await getMyModelAccess({ user, modelId })}
        />
      )}
      {deprecation && version && owner && name && (
        <DeprecatePanel
          url={`/api/v1/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/deprecate`}
          version={version}
          replacements={deprecation.replacements}
        />
      )}
    </div>
  );
}
