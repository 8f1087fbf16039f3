"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

type Missing = { label: string }[];

/** Approve or reject a version through the public review route (same checks as API callers get). */
export function ReviewDecisionForm({ url }: { url: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "reject") => api.post(url, { decision, comment }),
    onSuccess: () => router.refresh(),
  });
  // An approval refused for an incomplete checklist names what is missing.
  const missing =
    decide.error instanceof ApiError && Array.isArray(decide.error.details.missing)
      ? (decide.error.details.missing as Missing).map((m) => m.label)
      : [];

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium" htmlFor="review-comment">
        Comment (required to reject)
      </label>
      <textarea
        id="review-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={4}
        className="w-full rounded border border-slate-300 p-2 text-sm"
      />
      <div className="flex gap-2">
        <button
          type="button"
          disabled={decide.isPending}
          onClick={() => decide.mutate("approve")}
          className="rounded bg-emerald-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Approve
        </button>
        <button
          type="button"
          disabled={decide.isPending}
          onClick={() => decide.mutate("reject")}
          className="rounded bg-rose-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Reject
        </button>
      </div>
      {decide.isError && (
        <div role="alert" className="rounded border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
          <p>{decide.error.message}</p>
          {missing.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
