import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { requireUser } from "@/lib/auth/require-user";
import { listTeamModels } from "@/lib/catalog/list-team-models";

export const metadata: Metadata = { title: "Publish" };

export default async function PublishPage() {
  const user = await requireUser("models:publish");
  const models = await listTeamModels(user.teamIds);
  return (
    <div>
      <div className="flex items-start justify-between gap-4">
        <PageTitle title="Your team's models" subtitle="Every model your teams own, with the status of each version." />
        <Link href="/publish/new" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New model
        </Link>
      </div>
      <DataTable
        caption="Team models"
        columns={["Model", "Team", "Visibility", "Versions"]}
        empty="Your teams own no models yet."
        rows={models.map((m) => [
          <Link key="m" href={`/publish/${m.slug}`} className="font-medium text-brand-700 hover:underline">
            {m.displayName}
          </Link>,
          m.team.name,
          m.visibility,
          m.versions.map((v) => `${v.version} (${v.status.replace("_", " ")})`).join(", "),
        ])}
      />
    </div>
  );
}
