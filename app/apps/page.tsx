import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listMyApps } from "@/lib/apps/list-my-apps";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "My apps" };

export default async function AppsPage() {
  const user = await requireUser("apps:manage");
  const apps = await listMyApps(user.teamIds);
  return (
    <div>
      <PageTitle title="My apps" subtitle="Consuming applications of your teams and their API keys." />
      <DataTable
        caption="Apps and keys"
        columns={["App", "Team / business unit", "Keys"]}
        empty="Your teams have no apps yet."
        rows={apps.map((a) => [
          <span key="n" className="font-medium">{a.name}</span>,
          `${a.team.name} / ${a.team.businessUnit.name}`,
          <ul key="k" className="space-y-0.5">
            {a.keys.map((k) => (
              <li key={k.id} className="font-mono text-xs">
                {k.prefix}… {k.name} — {k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt < new Date() ? "expired" : `last used ${formatDate(k.lastUsedAt)}`}
              </li>
            ))}
          </ul>,
        ])}
      />
    </div>
  );
}
