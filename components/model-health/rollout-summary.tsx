import Link from "next/link";
import type { CanaryView, ShadowView } from "@/lib/rollouts/schemas";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
const ms = (x: number | null) => (x === null ? "—" : `${x.toFixed(1)} ms`);

/** The model's shadow and canary as the Health page shows them: the comparison figures, with links to where they are set. */
export function RolloutSummary({
  shadow,
  canary,
  owner,
  name,
  reviewHref,
}: {
  shadow: ShadowView | null;
  canary: CanaryView | null;
  owner: string;
  name: string;
  reviewHref: string | null;
}) {
  if (!shadow?.shadow && !canary?.canary) return null;
  return (
    <section aria-labelledby="rollouts-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="rollouts-title" className="font-semibold">
        Shadow and canary
      </h2>
      {shadow?.shadow && (
        <div className="space-y-1 text-sm">
          <p>
            <strong>Shadow:</strong> {shadow.shadow.percent} % of live calls mirrored to v{shadow.shadow.version} ({shadow.shadow.status}
            ); callers keep the serving version&apos;s answer.{" "}
            {reviewHref && (
              <Link href={reviewHref} className="text-blue-700 hover:underline">
                Review page
              </Link>
            )}
          </p>
          {shadow.figures && (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4" data-testid="shadow-figures">
              <dt className="text-slate-500">Compared calls</dt>
              <dd>{shadow.figures.comparisons}</dd>
              <dt className="text-slate-500">Agreement</dt>
              <dd>{pct(shadow.figures.agreementRate)}</dd>
              <dt className="text-slate-500">Mean abs. difference</dt>
              <dd>{shadow.figures.meanAbsDiff === null ? "—" : shadow.figures.meanAbsDiff.toFixed(4)}</dd>
              <dt className="text-slate-500">p95 serving / candidate</dt>
              <dd>
                {ms(shadow.figures.servingLatencyMs.p95)} / {ms(shadow.figures.candidateLatencyMs.p95)}
              </dd>
              <dt className="text-slate-500">Errors serving / candidate</dt>
              <dd>
                {shadow.figures.servingErrors} / {shadow.figures.candidateErrors}
              </dd>
            </dl>
          )}
        </div>
      )}
      {canary?.canary && (
        <div className="space-y-1 text-sm">
          <p>
            <strong>Canary:</strong> v{canary.canary.canary} takes {canary.canary.weight} % of range and latest calls, v
            {canary.canary.stable} the rest
            {canary.canary.rolledBackAt
              ? ` — rolled back ${canary.canary.rolledBackAt.slice(0, 16).replace("T", " ")} UTC: ${canary.canary.rollbackReason ?? ""}`
              : ""}
            .{" "}
            <Link href={`/publish/${owner}/${name}`} className="text-blue-700 hover:underline">
              Manage
            </Link>
          </p>
          {canary.figures && (
            <p className="text-slate-600">
              Since {canary.figures.since.slice(0, 16).replace("T", " ")} UTC — stable: {canary.figures.stable.calls} calls,{" "}
              {pct(canary.figures.stable.errorRate)} errors, p95 {ms(canary.figures.stable.p95Ms)}; canary: {canary.figures.canary.calls}{" "}
              calls, {pct(canary.figures.canary.errorRate)} errors, p95 {ms(canary.figures.canary.p95Ms)}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
