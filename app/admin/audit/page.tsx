import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle } from "@/components/ui/page-title";
import { AdminNav } from "@/components/admin/admin-nav";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireUser } from "@/lib/auth/require-user";
import { auditQuery } from "@/lib/governance/schemas";

export const metadata: Metadata = { title: "Audit trail" };

const FILTERS = [
  { name: "actor", label: "Actor (email or id)" },
  { name: "action", label: "Action (e.g. version.approve, access.*)" },
  { name: "targetType", label: "Target type" },
  { name: "targetId", label: "Target id" },
] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("audit:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v));
  const parsed = auditQuery.safeParse(raw);
  const { format: _format, ...query } = parsed.success ? parsed.data : auditQuery.parse({});
  const result = await listAuditEvents({ user, query });
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(raw as Record<string, string>), ...extra }).toString();
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <div className="space-y-4">
      <AdminNav />
      <PageTitle title="Audit trail" subtitle={`${result.total} events match. Append-only: the database refuses changes and deletions.`} />
      {!parsed.success && (
        <p role="alert" className="text-sm text-rose-800">
          Some filters were invalid and were ignored.
        </p>
      )}
      <form className="flex flex-wrap items-end gap-2 text-sm" action="/admin/audit">
        {FILTERS.map((f) => (
          <label key={f.name} className="flex flex-col">
            {f.label}
            <input name={f.name} defaultValue={raw[f.name] ?? ""} className="rounded border border-slate-300 px-2 py-1" />
          </label>
        ))}
        <label className="flex flex-col">
          From
          <input type="date" name="from" defaultValue={raw.from ?? ""} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          To
          <input type="date" name="to" defaultValue={raw.to ?? ""} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded bg-slate-900 px-3 py-1 text-white">Filter</button>
        <a className="text-sky-700 underline" href={`/api/v1/audit?${qs({ format: "csv" })}`} download>
          Export CSV
        </a>
      </form>
      <DataTable
        caption="Audit events"
        columns={["When", "Actor", "Action", "Target", "Before → after", "IP"]}
        empty="No audit events match."
        rows={result.items.map((e) => [
          e.at.slice(0, 19).replace("T", " "),
          e.actorLabel,
          e.action,
          `${e.targetType} ${e.targetId}`,
          <code key="c" className="block max-w-md truncate text-xs" title={`${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`}>
            {JSON.stringify(e.before)} → {JSON.stringify(e.after)}
          </code>,
          e.ip ?? "—",
        ])}
      />
      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {result.page > 1 && (
          <Link className="text-sky-700 underline" href={`/admin/audit?${qs({ page: String(result.page - 1) })}`}>
            ← Newer
          </Link>
        )}
        <span>
          Page {result.page} of {pages}
        </span>
        {result.page < pages && (
          <Link className="text-sky-700 underline" href={`/admin/audit?${qs({ page: String(result.page + 1) })}`}>
            Older →
          </Link>
        )}
      </nav>
    </div>
  );
}
