import { AccessRequestPanel } from "@/components/access-request-panel";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { getMyModelAccess } from "@/lib/governance/list-access-requests";

type Props = { modelSlug: string; modelId: string; version?: string | null; visibility: "public" | "gated" };

/**
 * Extra panels on the model page contributed by other domains (governance: the gated-access request
 * panel). A server component: each panel decides on the server what the viewer may see.
 */
export async function ModelPageExtras({ modelSlug, modelId, visibility }: Props) {
  const user = await getCurrentUser();
  if (!user) return null;
  const [owner, name] = modelSlug.split("/");
  return (
    <div className="space-y-4">
      {visibility === "gated" && can(user.role, "apps:manage") && owner && name && (
        <AccessRequestPanel
          url={`/api/v1/models/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/access-requests`}
          apps={await getMyModelAccess({ user, modelId })}
        />
      )}
    </div>
  );
}
