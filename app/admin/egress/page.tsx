import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireUser } from "@/lib/auth/require-user";
import { formatDate } from "@/lib/format";
import { AppError } from "@/lib/server/errors";
import { addEgressRule, listEgressRules, removeEgressRule } from "@/lib/admin/manage-egress-rules";

export const metadata: Metadata = { title: "Egress allow-list" };

async function addRule(form: FormData) {
  "use server";
  const user = await requireUser("admin:manage");
  let problem = "";
  try {
    await addEgressRule({
      actor: { id: user.id, label: user.email },
      pattern: String(form.get("pattern") ?? ""),
      note: String(form.get("note") ?? ""),
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problem = error.message;
  }
  revalidatePath("/admin/egress");
  if (problem) redirect(`/admin/egress?error=${encodeURIComponent(problem)}`);
}

async function removeRule(form: FormData) {
  "use server";
  const user = await requireUser("admin:manage");
  await removeEgressRule({ actor: { id: user.id, label: user.email }, id: String(form.get("id") ?? "") });
  revalidatePath("/admin/egress");
}

export default async function EgressPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  await requireUser("admin:manage");
  const { error } = await searchParams;
  const rules = await listEgressRules();
  return (
    <div className="space-y-6">
      <AdminNav />
      <PageTitle
        title="Egress allow-list"
        subtitle="Model endpoints and webhooks may not reach loopback, private, link-local or metadata addresses unless they are listed here."
      />
      {error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      )}
      <form action={addRule} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <label className="flex flex-col text-sm">
          Host name, IP address or CIDR range
          <input
            name="pattern"
            required
            placeholder="models.internal or 10.20.0.0/16"
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          Why (shown in the audit trail)
          <input
            name="note"
            placeholder="KServe cluster of the risk team"
            className="mt-1 w-72 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
          Allow
        </button>
      </form>
      <DataTable
        caption="Allow-listed destinations"
        columns={["Pattern", "Note", "Added by", "Added", ""]}
        empty="Nothing is allow-listed: only public addresses can be called."
        rows={rules.map((r) => [
          <code key="p">{r.pattern}</code>,
          r.note,
          r.createdBy?.email ?? "—",
          formatDate(r.createdAt),
          <form key="f" action={removeRule}>
            <input type="hidden" name="id" value={r.id} />
            <button type="submit" className="text-sm text-red-700 underline" aria-label={`Remove ${r.pattern}`}>
              Remove
            </button>
          </form>,
        ])}
      />
    </div>
  );
}
