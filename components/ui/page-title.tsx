/** A page's heading with an optional one-line subtitle. */
export function PageTitle({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {subtitle && <p className="text-slate-600">{subtitle}</p>}
    </div>
  );
}
