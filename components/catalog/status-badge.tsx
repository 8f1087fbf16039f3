const STYLES: Record<string, string> = {
  approved: "bg-emerald-100 text-emerald-800",
  pending_review: "bg-amber-100 text-amber-800",
  deprecated: "bg-orange-100 text-orange-800",
  retired: "bg-slate-200 text-slate-600",
  rejected: "bg-red-100 text-red-800",
  draft: "bg-slate-100 text-slate-700",
};
const LABELS: Record<string, string> = { pending_review: "in review" };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.draft}`}>{LABELS[status] ?? status}</span>;
}
