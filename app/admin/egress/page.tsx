import type { Metadata } from "next";
import { DataTable, PageTitle } from "@/components/data-table";
import { ActionForm } from "@/app/admin/action-form";
import { addEgressRuleAction, removeEgressRuleAction } from "@/app/admin/actions";
import { AdminNav } from "@/app/admin/admin-nav";
import { listEgressRules } from "@/lib/admin/manage-egress-rules";
import { requireUser } from "@/lib/auth/require-user";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Egress allow-list" };

export default async function EgressPage() {
  const admin = await requireUser("admin:manage");
  const rules = await listEgressRules({ admin });
  return (
    <div className="space-y-6">
      <AdminNav />
      <PageTitle title="Egress allow-list" subtitle="Outbound calls (model upstreams, webhooks) never reach private, loopback or link-local addresses unless they are listed here." />
      <ActionForm action={addEgressRuleAction} className="flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">Host, IP or CIDR<input name="pattern" required placeholder="10.20.0.0/16" className="rounded border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col">Note<input name="note" className="w-80 rounded border border-slate-300 px-2 py-1" /></label>
        <button className="rounded bg-slate-900 px-3 py-1 text-white">Allow</button>
      </ActionForm>
      <DataTable caption="Allowed destinations" columns={["Pattern", "Note", "Added by", "Added", ""]} empty="Nothing is allow-listed: internal addresses are all refused."
        rows={rules.map((r) => [r.pattern, r.note, r.createdBy?.email ?? "—", formatDate(r.createdAt),
          <ActionForm key={r.id} action={removeEgressRuleAction}>
            <input type="hidden" name="id" value={r.id} />
            <button className="rounded border border-slate-300 px-2 py-0.5 text-sm" aria-label={`Remove ${r.pattern}`}>Remove</button>
          </ActionForm>])} />
    </div>
  );
}
