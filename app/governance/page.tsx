import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { requireUser } from "@/lib/auth/require-user";
import { listDeprecatedCallers } from "@/lib/governance/list-deprecated-callers";
import { portfolioHygiene } from "@/lib/usage/portfolio-hygiene";
import { whoCallsWhat } from "@/lib/usage/who-calls-what";
import { formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Governance" };

const PERIODS = [7, 30, 90] as const;

export default async function GovernancePage({ searchParams }: { searchParams: Promise<{ days?: string; pendingDays?: string }> }) {
  await requireUser("governance:read");
  const sp = await searchParams;
  const days = PERIODS.find((p) => String(p) === sp.days) ?? 30;
  const pendingDays = Math.min(365, Math.max(1, Number.parseInt(sp.pendingDays ?? "7", 10) || 7));
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const [callers, deprecated, hygiene] = await Promise.all([
    whoCallsWhat({ from, to }),
    listDeprecatedCallers(),
    portfolioHygiene({ pendingDays }),
  ]);
  return (
    <div className="space-y-10">
      <PageTitle
        title="Governance"
        subtitle="Who calls what, who still calls deprecated versions, and what in the portfolio needs attention."
      />

      <section aria-labelledby="who-h" className="space-y-2">
        <div className="flex items-baseline justify-between">
          <h2 id="who-h" className="text-lg font-semibold">
            Who calls what — last {days} days
          </h2>
          <nav aria-label="Period" className="flex gap-2 text-sm">
            {PERIODS.map((p) => (
              <Link
                key={p}
                href={`/governance?days=${p}&pendingDays=${pendingDays}`}
                aria-current={p === days ? "page" : undefined}
                className={p === days ? "font-semibold" : "text-sky-700 underline"}
              >
                {p} days
              </Link>
            ))}
          </nav>
        </div>
        <DataTable
          caption="Models by consuming app"
          columns={["Model", "App", "Team", "Business unit", "Calls", "Errors"]}
          empty="No calls in this period."
          rows={callers.map((c) => [
            c.model,
            c.app ?? "(console, no app)",
            c.team ?? "—",
            c.businessUnit ?? "—",
            formatNumber(c.calls),
            formatNumber(c.errors),
          ])}
        />
      </section>

      <section aria-labelledby="dep-h" className="space-y-2">
        <h2 id="dep-h" className="text-lg font-semibold">
          Consumers of deprecated versions
        </h2>
        {deprecated.length === 0 && <p className="text-slate-500">No deprecated versions.</p>}
        {deprecated.map((v) => (
          <div key={v.id} className="space-y-1">
            <h3 className="font-medium">
              {v.model.slug} {v.version}{" "}
              <span className="text-sm font-normal text-slate-600">
                · sunset {formatDate(v.sunsetAt)} ({v.daysToSunset ?? "?"} days) · replacement {v.replacementVersion?.version ?? "none"} ·{" "}
                {formatNumber(v.calls30d)} calls in 30 days
              </span>
            </h3>
            <DataTable
              caption={`Apps calling ${v.model.slug} ${v.version}`}
              columns={["App", "Team", "Last call", "Calls, 30 days"]}
              empty="Nobody called it in the last 30 days."
              rows={v.consumers.map((c) => [
                c.app ?? "(console)",
                c.team ?? "—",
                c.lastCall.toISOString().slice(0, 16).replace("T", " "),
                formatNumber(c.calls),
              ])}
            />
          </div>
        ))}
      </section>

      <section aria-labelledby="hyg-h" className="space-y-3">
        <h2 id="hyg-h" className="text-lg font-semibold">
          Portfolio hygiene
        </h2>
        <HygieneList title="Models without a business owner" items={hygiene.withoutOwner.map((m) => `${m.slug} (${m.team})`)} />
        <HygieneList
          title="Models with missing card sections"
          items={hygiene.incompleteCard.map((m) => `${m.slug}: ${m.missing.join(", ")}`)}
        />
        <HygieneList title="Models with no approved version" items={hygiene.noApprovedVersion.map((m) => `${m.slug} (${m.team})`)} />
        <HygieneList title="Approved models with no calls in 30 days" items={hygiene.noCalls30d.map((m) => `${m.slug} (${m.team})`)} />
        <form className="flex items-center gap-2 text-sm" action="/governance">
          <input type="hidden" name="days" value={days} />
          <label htmlFor="pendingDays">Pending review longer than</label>
          <input
            id="pendingDays"
            name="pendingDays"
            type="number"
            min={1}
            max={365}
            defaultValue={pendingDays}
            className="w-20 rounded border border-slate-300 px-2 py-1"
          />
          <span>days</span>
          <button className="rounded border border-slate-300 px-2 py-1">Apply</button>
        </form>
        <HygieneList
          title={`Versions pending review longer than ${pendingDays} days`}
          items={hygiene.pendingTooLong.map((v) => `${v.slug} ${v.version} (${v.days} days)`)}
        />
      </section>
    </div>
  );
}

function HygieneList({ title, items }: { title: string; items: string[] }) {
  return (
    <details className="rounded border border-slate-200 bg-white p-3" open={items.length > 0 && items.length <= 10}>
      <summary className="cursor-pointer font-medium">
        {title}: {items.length}
      </summary>
      {items.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
