"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "@/app/review/api-call";

/** Approve or reject a version through the public review route (same checks as API callers get). */
export function ReviewDecisionForm({ url }: { url: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; missing: string[] } | null>(null);

  async function decide(decision: "approve" | "reject") {
    setBusy(true);
    setError(null);
    const outcome = await postJson(url, { decision, comment });
    setBusy(false);
    if (!outcome.ok) return setError(outcome);
    router.refresh();
  }

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium" htmlFor="review-comment">Comment (required to reject)</label>
      <textarea id="review-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={4} className="w-full rounded border border-slate-300 p-2 text-sm" />
      <div className="flex gap-2">
        <button type="button" disabled={busy} onClick={() => decide("approve")} className="rounded bg-emerald-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">Approve</button>
        <button type="button" disabled={busy} onClick={() => decide("reject")} className="rounded bg-rose-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">Reject</button>
      </div>
      {error && (
        <div role="alert" className="rounded border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
          <p>{error.message}</p>
          {error.missing.length > 0 && <ul className="mt-1 list-disc pl-5">{error.missing.map((m) => <li key={m}>{m}</li>)}</ul>}
        </div>
      )}
    </div>
  );
}
