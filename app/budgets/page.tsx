import type { Metadata } from "next";
import Link from "next/link";
import { createBudgetAction, deleteBudgetAction, updateBudgetAction } from "@/app/budgets/actions";
import { BudgetMeter } from "@/components/budgets/budget-meter";
import { ActionForm } from "@/components/ui/action-form";
import { PageTitle } from "@/components/ui/page-title";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { listBudgetScopes } from "@/lib/budgets/list-budget-scopes";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { BUDGET_PERIODS, PERIOD_ADJECTIVE } from "@/lib/budgets/schemas";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Budgets" };
export const dynamic = "force-dynamic";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";
const KIND_LABEL = { app: "App", team: "Team", business_unit: "Business unit" } as const;

// Budgets: spend vs budget per app, team and business unit; admins and owners set, change and remove them here.
export default async function BudgetsPage() {
  const user = await requireUser("budgets:read");
  const authority = await budgetAuthorityOf(principalOfUser(user));
  const [budgets, scopes] = await Promise.all([listBudgets({ authority }), listBudgetScopes(authority)]);
  const canCreate = scopes.apps.length + scopes.teams.length + scopes.businessUnits.length > 0;
  return (
    <div className="space-y-6">
      <PageTitle
        title="Budgets"
        subtitle={`Spending limits per day, week or month on apps, teams and business units. Periods start at midnight (${env().MODELPORT_TIME_ZONE}). Owners are notified at the alert threshold; a hard cap refuses calls once the budget is spent.`}
      />
      {canCreate ? (
        <section aria-labelledby="new-budget" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-budget" className="mb-2 text-lg font-semibold">
            New budget
          </h2>
          <ActionForm action={createBudgetAction} className="flex flex-wrap items-end gap-3">
            <div className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
              <label htmlFor="budget-scope">On</label>
              <select id="budget-scope" name="scope" required className={`${input} max-w-full`}>
                {(
                  [
                    ["Apps", scopes.apps],
                    ["Teams", scopes.teams],
                    ["Business units", scopes.businessUnits],
                  ] as const
                )
                  .filter(([, options]) => options.length > 0)
                  .map(([label, options]) => (
                    <optgroup key={label} label={label}>
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
            </div>
            <label className="flex flex-col gap-1 text-sm">
              <span>Amount (USD)</span>
              <input
                name="amount"
                required
                inputMode="decimal"
                pattern="\d+(\.\d{1,6})?"
                placeholder="500.00"
                className={`${input} w-28`}
              />
            </label>
            <div className="flex flex-col gap-1 text-sm">
              <label htmlFor="budget-period">Per</label>
              <select id="budget-period" name="period" defaultValue="month" className={input}>
                {BUDGET_PERIODS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </div>
            <label className="flex flex-col gap-1 text-sm">
              <span>Alert at (%)</span>
              <input name="thresholdPercent" type="number" min={1} max={100} defaultValue={80} className={`${input} w-20`} />
            </label>
            <label className="flex items-center gap-2 pb-1 text-sm">
              <input name="hardCap" type="checkbox" /> Hard cap (refuse calls when spent)
            </label>
            <button className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">Set budget</button>
          </ActionForm>
        </section>
      ) : (
        <p className="text-sm text-slate-600">
          Budgets are set by admins and by the maintainers of a team (for the team, its apps and its business unit). Ask one of them to set
          one.
        </p>
      )}
      <section aria-labelledby="budget-list" className="space-y-3">
        <h2 id="budget-list" className="text-lg font-semibold">
          Current period
        </h2>
        {budgets.length === 0 && (
          <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">
            No budgets on your apps, teams or business units yet.
          </p>
        )}
        {budgets.map((b) => (
          <article
            key={b.id}
            aria-label={`${PERIOD_ADJECTIVE[b.period]} budget of ${b.scope.name}`}
            className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          >
            <header className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">
                {KIND_LABEL[b.scope.kind]}{" "}
                {b.scope.kind === "app" ? (
                  <Link className="text-sky-700 underline" href={`/apps/${b.scope.id}/usage`}>
                    {b.scope.name}
                  </Link>
                ) : (
                  b.scope.name
                )}
              </h3>
              <span className="text-xs text-slate-500">set by {b.createdBy ?? "—"}</span>
            </header>
            <BudgetMeter budget={b} />
            {b.canEdit && (
              <details>
                <summary className="cursor-pointer text-sm font-medium text-slate-700">Change or remove</summary>
                <div className="mt-2 flex flex-wrap items-end gap-3">
                  <ActionForm action={updateBudgetAction} className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="id" value={b.id} />
                    <label className="flex flex-col gap-1 text-sm">
                      <span>Amount (USD)</span>
                      <input
                        name="amount"
                        required
                        inputMode="decimal"
                        pattern="\d+(\.\d{1,6})?"
                        defaultValue={String(b.amountMicros / 1_000_000)}
                        className={`${input} w-28`}
                      />
                    </label>
                    <label className="flex flex-col gap-1 text-sm">
                      <span>Alert at (%)</span>
                      <input
                        name="thresholdPercent"
                        type="number"
                        min={1}
                        max={100}
                        defaultValue={b.thresholdPercent}
                        className={`${input} w-20`}
                      />
                    </label>
                    <label className="flex items-center gap-2 pb-1 text-sm">
                      <input name="hardCap" type="checkbox" defaultChecked={b.hardCap} /> Hard cap
                    </label>
                    <button className="rounded border border-slate-300 px-3 py-1 text-sm">Save</button>
                  </ActionForm>
                  <ActionForm action={deleteBudgetAction}>
                    <input type="hidden" name="id" value={b.id} />
                    <button className="rounded border border-rose-300 px-3 py-1 text-sm text-rose-800">Remove budget</button>
                  </ActionForm>
                </div>
              </details>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
