import type { HEALTH_STATUSES } from "@/lib/catalog/schemas";

type HealthStatusName = (typeof HEALTH_STATUSES)[number];

const STYLE: Record<HealthStatusName, { label: string; className: string; title: string }> = {
  healthy: { label: "healthy", className: "bg-emerald-50 text-emerald-700", title: "Called in the last 7 days, no open alert" },
  warning: { label: "warning", className: "bg-amber-100 text-amber-800", title: "An alert is open (latency, cost or drift)" },
  failing: { label: "failing", className: "bg-red-100 text-red-800", title: "A failing alert is open (quality or errors)" },
  unknown: { label: "no data", className: "bg-slate-100 text-slate-600", title: "No calls in the last 7 days" },
};

/** A model's health status as a small badge (cards, the model page header, the health dashboard). */
export function HealthBadge({ status }: { status: HealthStatusName }) {
  const s = STYLE[status];
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs ${s.className}`} title={s.title} data-testid="health-badge" data-health={status}>
      {s.label}
    </span>
  );
}
