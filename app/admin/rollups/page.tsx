import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { deadLetterAction } from "@/app/admin/rollups/actions";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney, formatNumber } from "@/lib/format";
import { listDeadLetters } from "@/lib/usage/rollups/dead-letters";
import { rollupLag } from "@/lib/usage/rollups/rollup-worker";

export const metadata: Metadata = { title: "Usage roll-ups" };
export const dynamic = "force-dynamic";

const when = (v: unknown) => (typeof v === "string" || v instanceof Date ? new Date(v).toISOString().slice(0, 19).replace("T", " ") : "—");
const micros = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? formatMoney(BigInt(v)) : String(v ?? "—"));

export default async function RollupsPage() {
  await requireUser("admin:manage");
  const [lag, dead] = await Promise.all([rollupLag(), listDeadLetters()]);
  return (
    <div className="space-y-6">
      <AdminNav />
      <PageTitle
        title="Usage roll-ups"
        subtitle="Every recorded call is queued with its invocation row and folded into the dashboards' roll-ups within seconds."
      />
      <dl className="grid max-w-xl grid-cols-2 gap-2 text-sm">
        <dt className="font-medium">Calls waiting to be folded</dt>
        <dd data-testid="rollup-pending">{formatNumber(lag.pending)}</dd>
        <dt className="font-medium">Oldest waiting for</dt>
        <dd>{lag.pending ? `${lag.oldestSeconds.toFixed(1)} s` : "—"}</dd>
        <dt className="font-medium">Calls set aside</dt>
        <dd data-testid="rollup-dead">{formatNumber(dead.total)}</dd>
      </dl>
      <section className="space-y-2" aria-labelledby="dead-h">
        <h2 id="dead-h" className="text-lg font-semibold">
          Calls set aside
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">
          The database refused to add these calls to the roll-ups, so the fold moved them here and went on with the rest. Each call is still
          in the invocation history, but the dashboards do not count it. Fix the cause (the error says what it was), then queue it again — a
          call refused again comes back here — or discard it. Both are recorded in the audit trail.
        </p>
        <DataTable
          caption="Calls set aside"
          empty="None: every recorded call is in the roll-ups."
          columns={["Set aside (UTC)", "Error", "Call at (UTC)", "Model", "Status", "Cost", "Value", ""]}
          rows={dead.items.map((d) => [
            when(d.failedAt),
            d.error,
            when(d.entry.at),
            d.model ?? String(d.entry.modelId ?? "—"),
            String(d.entry.statusCode ?? "—"),
            micros(d.entry.costMicros),
            micros(d.entry.valueMicros),
            <ActionForm key={d.id} action={deadLetterAction} className="flex gap-2">
              <input type="hidden" name="id" value={d.id} />
              <button name="do" value="requeue" className="whitespace-nowrap rounded border border-slate-300 px-2 py-0.5 text-sm">
                Queue again
              </button>
              <button
                name="do"
                value="discard"
                className="whitespace-nowrap rounded border border-rose-300 px-2 py-0.5 text-sm text-rose-800"
              >
                Discard
              </button>
            </ActionForm>,
          ])}
        />
      </section>
    </div>
  );
}
