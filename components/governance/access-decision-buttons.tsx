"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";

/** Grant or deny one access request through the public decision route. */
export function AccessDecisionButtons({ url, label }: { url: string; label: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "approve" | "deny") => api.post(url, { decision, comment }),
    onSuccess: () => router.refresh(),
  });

  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`c-${url}`}>
        Comment for {label}
      </label>
      <input
        id={`c-${url}`}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="Comment (required to deny)"
        className="rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button
        type="button"
        disabled={decide.isPending}
        onClick={() => decide.mutate("approve")}
        aria-label={`Grant ${label}`}
        className="rounded bg-emerald-700 px-3 py-1 text-sm text-white disabled:opacity-50"
      >
        Grant
      </button>
      <button
        type="button"
        disabled={decide.isPending}
        onClick={() => decide.mutate("deny")}
        aria-label={`Deny ${label}`}
        className="rounded bg-rose-700 px-3 py-1 text-sm text-white disabled:opacity-50"
      >
        Deny
      </button>
      {decide.isError && (
        <p role="alert" className="w-full text-sm text-rose-800">
          {decide.error.message}
        </p>
      )}
    </div>
  );
}
