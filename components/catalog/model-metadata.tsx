import type { ModelDetail } from "@/lib/catalog/schemas";
import { formatMoney } from "@/lib/format";

/** Who owns the model and on what terms: team + contact, business owner, risk, license, task, value. */
export function ModelMetadata({ model }: { model: ModelDetail }) {
  const rows: [string, React.ReactNode][] = [
    [
      "Owner team",
      <>
        {model.team.name} <span className="text-slate-500">({model.team.businessUnit})</span>
      </>,
    ],
    [
      "Contact",
      model.team.contactEmail ? (
        <a className="text-brand-700 hover:underline" href={`mailto:${model.team.contactEmail}`}>
          {model.team.contactEmail}
        </a>
      ) : (
        "—"
      ),
    ],
    ["Business owner", model.businessOwner ? `${model.businessOwner.name} <${model.businessOwner.email}>` : "—"],
    ["Risk", model.riskLevel ?? "not assessed"],
    ["License", model.license ?? "—"],
    ["Task", model.task],
    ["Framework", model.framework],
    ["Visibility", model.visibility === "gated" ? "gated (access on request)" : "public"],
    ["Value per call", formatMoney(model.valuePerCallMicros)],
  ];
  return (
    <section aria-labelledby="meta-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="meta-title" className="mb-2 font-semibold">
        About
      </h2>
      <dl className="space-y-1.5 text-sm" data-testid="model-metadata">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2">
            <dt className="text-slate-500">{label}</dt>
            {/* Long unbroken values (emails, licence URLs) wrap inside the card instead of overflowing it. */}
            <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
