import Link from "next/link";
import { StatusBadge } from "@/components/catalog/status-badge";
import type { VersionDetail } from "@/lib/catalog/schemas";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** Versions newest first, each with its status, key dates, changelog and review decisions. */
export function VersionTimeline({ versions, basePath }: { versions: VersionDetail[]; basePath: string }) {
  if (versions.length === 0) return <p className="text-slate-500">No versions yet.</p>;
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5" data-testid="version-timeline">
      {versions.map((v) => (
        <li key={v.id} className="relative">
          <span className="absolute -left-[1.65rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-500" aria-hidden />
          <div className="flex flex-wrap items-center gap-2">
            <Link
              href={`${basePath}/versions/${encodeURIComponent(v.version)}`}
              className="font-mono font-semibold text-brand-700 hover:underline"
            >
              v{v.version}
            </Link>
            <StatusBadge status={v.status} />
            <span className="text-xs text-slate-500">
              {v.runtime}
              {v.httpProtocol ? ` · ${v.httpProtocol}` : ""}
            </span>
          </div>
          <p className="text-xs text-slate-500">
            created {day(v.createdAt)}
            {v.submittedAt && <> · submitted {day(v.submittedAt)}</>}
            {v.approvedAt && <> · approved {day(v.approvedAt)}</>}
            {v.deprecatedAt && <> · deprecated {day(v.deprecatedAt)}</>}
            {v.sunsetAt && <> · sunset {day(v.sunsetAt)}</>}
            {v.retiredAt && <> · retired {day(v.retiredAt)}</>}
          </p>
          {v.deprecationMessage && <p className="mt-1 text-sm text-orange-800">{v.deprecationMessage}</p>}
          {v.changelog && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{v.changelog}</p>}
          {v.reviews.length > 0 && (
            <ul className="mt-1 space-y-0.5 text-sm" aria-label={`Reviews of ${v.version}`}>
              {v.reviews.map((r, i) => (
                <li key={i} className="text-slate-600">
                  <span className={r.decision === "approve" ? "text-emerald-700" : "text-red-700"}>
                    {r.decision === "approve" ? "Approved" : "Rejected"}
                  </span>{" "}
                  by {r.reviewer} on {day(r.createdAt)}
                  {r.comment ? <>: “{r.comment}”</> : null}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
