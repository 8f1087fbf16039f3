import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/page-title";
import { requireUser } from "@/lib/auth/require-user";
import { listVersionReviews } from "@/lib/governance/list-version-reviews";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "My submissions" };

// Publishers see the review decisions and comments on their teams' versions.
export default async function MySubmissionsPage() {
  const user = await requireUser("models:publish");
  const versions = await listVersionReviews({ viewer: user, teamOnly: true });
  return (
    <div className="space-y-4">
      <PageTitle title="My submissions" subtitle="Review decisions on your teams' versions, newest first." />
      {versions.length === 0 && <p className="text-slate-500">Your teams have not submitted any version yet.</p>}
      <ul className="space-y-3">
        {versions.map((v) => (
          <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="submission">
            <p className="font-medium">
              {v.model.displayName} {v.version} <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs">{v.status}</span>
            </p>
            <p className="text-xs text-slate-500">
              {v.model.slug} · submitted {formatDate(v.submittedAt)}
            </p>
            {v.reviews.length > 0 && (
              <ul className="mt-2 space-y-1 text-sm">
                {v.reviews.map((r) => (
                  <li key={r.id}>
                    <span className={r.decision === "approve" ? "text-emerald-700" : "text-rose-700"}>
                      {r.decision === "approve" ? "Approved" : "Rejected"}
                    </span>{" "}
                    by {r.reviewer.name} on {formatDate(r.createdAt)}
                    {r.comment ? (
                      <>
                        : <q>{r.comment}</q>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
