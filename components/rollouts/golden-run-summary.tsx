import type { GoldenRunView } from "@/lib/golden-tests/schemas";

/** A golden-test run: passed or how many failed, when and why it ran, and each failing case's first mismatch. */
export function GoldenRunSummary({ run }: { run: GoldenRunView | null }) {
  if (!run) return <p className="text-sm text-slate-600">Not run yet.</p>;
  return (
    <div className="space-y-1 text-sm" data-testid="golden-run">
      <p className={run.passed ? "text-emerald-800" : "text-red-800"}>
        {run.passed ? `All ${run.total} passed` : `${run.failed} of ${run.total} failed`} ({run.trigger} run,{" "}
        {new Date(run.at).toLocaleString("en-GB", { timeZone: "UTC" })} UTC)
      </p>
      <ul className="space-y-1">
        {run.results
          .filter((r) => !r.ok)
          .map((r) => (
            <li key={r.name} className="break-words text-red-800">
              <span className="font-medium">{r.name}</span>: {r.detail}
            </li>
          ))}
      </ul>
    </div>
  );
}
