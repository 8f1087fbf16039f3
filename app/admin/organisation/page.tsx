import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { ActionForm } from "@/components/ui/action-form";
import { createBusinessUnitAction, createTeamAction, setMembershipAction } from "@/app/admin/actions";
import { AdminNav } from "@/components/admin/admin-nav";
import { listOrganisation } from "@/lib/admin/manage-organisation";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Teams and business units" };

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export default async function OrganisationPage() {
  await requireUser("admin:manage");
  const { businessUnits, teams } = await listOrganisation();
  return (
    <div className="space-y-8">
      <AdminNav />
      <PageTitle
        title="Teams and business units"
        subtitle="Business units are the cost centres of chargeback; teams own models and apps."
      />
      <section className="space-y-2" aria-labelledby="bu-h">
        <h2 id="bu-h" className="text-lg font-semibold">
          Business units
        </h2>
        <DataTable
          caption="Business units"
          columns={["Name", "Slug", "Cost centre", "Teams"]}
          empty="No business units."
          rows={businessUnits.map((b) => [b.name, b.slug, b.costCenter, b._count.teams])}
        />
        <ActionForm action={createBusinessUnitAction} className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Name <input name="name" required className={input} />
          </label>
          <label className="text-sm">
            Slug <input name="slug" required className={input} />
          </label>
          <label className="text-sm">
            Cost centre <input name="costCenter" required className={input} />
          </label>
          <button className="rounded bg-slate-900 px-3 py-1 text-sm text-white">Add business unit</button>
        </ActionForm>
      </section>
      <section className="space-y-2" aria-labelledby="team-h">
        <h2 id="team-h" className="text-lg font-semibold">
          Teams
        </h2>
        <DataTable
          caption="Teams"
          columns={["Name", "Slug", "Business unit", "Members"]}
          empty="No teams."
          rows={teams.map((t) => [
            t.name,
            t.slug,
            t.businessUnit.name,
            t.members.map((m) => `${m.user.email}${m.role === "maintainer" ? " (maintainer)" : ""}`).join(", "),
          ])}
        />
        <ActionForm action={createTeamAction} className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Name <input name="name" required className={input} />
          </label>
          <label className="text-sm">
            Slug <input name="slug" required className={input} />
          </label>
          <label className="text-sm">
            Business unit{" "}
            <select name="businessUnitId" className={input}>
              {businessUnits.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <button className="rounded bg-slate-900 px-3 py-1 text-sm text-white">Add team</button>
        </ActionForm>
        <h3 className="font-medium">Team membership</h3>
        <ActionForm action={setMembershipAction} className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Team{" "}
            <select name="teamId" className={input}>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            User email <input name="email" type="email" required className={input} />
          </label>
          <label className="text-sm">
            Team role{" "}
            <select name="role" className={input}>
              <option value="member">member</option>
              <option value="maintainer">maintainer</option>
              <option value="remove">remove from team</option>
            </select>
          </label>
          <button className="rounded bg-slate-900 px-3 py-1 text-sm text-white">Save membership</button>
        </ActionForm>
      </section>
    </div>
  );
}
