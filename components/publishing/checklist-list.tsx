import type { ChecklistItem } from "@/lib/governance/schemas";

/** The review checklist, item by item, with what to do for each failing one. */
export function ChecklistList({ items, testId = "checklist" }: { items: ChecklistItem[]; testId?: string }) {
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {items.map((i) => (
        <li key={i.key} className={i.ok ? "text-emerald-800" : "text-rose-800"} data-ok={i.ok}>
          <span aria-hidden>{i.ok ? "✓" : "✗"}</span> <span className="sr-only">{i.ok ? "Done:" : "Missing:"}</span> {i.label}
          {i.detail ? <span className="text-slate-600"> — {i.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
