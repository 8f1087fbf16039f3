import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, PageTitle } from "@/components/data-table";
import { requireUser } from "@/lib/auth/require-user";
import { listTeamModels } from "@/lib/catalog/list-team-models";

export const metadata: Metadata = { title: "Publish" };

export default async function PublishPage() {
  const user = await requireUser("models:publish");
  const models = await listTeamModels(user.teamIds);
  return (
    <div>
      <PageTitle title="Your team's models" subtitle="Every model your teams own, with the status of each version." />
      <DataTable
        caption="Team models"
        columns={["Model", "Team", "Visibility", "Versions"]}
        empty="Your teams own no models yet."
        rows={models.map((m) => [
          <Link key="m" href={`/models/${m.slug}`} className="font-medium text-brand-700 hover:underline">{m.displayName}</Link>,
          m.team.name,
          m.visibility,
          m.versions.map((v) => `${v.version} (${v.status.replace("_", " ")})`).join(", "),
        ])}
      />
    </div>
  );
}
