"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, modelPath } from "@/lib/client/api";
import type { StarState } from "@/lib/collections/schemas";
import { formatNumber } from "@/lib/format";

/** Star / unstar toggle with the model's star count; visitors see the count and a sign-in link. */
export function StarButton({ slug, stars, starred, signedIn }: { slug: string; stars: number; starred: boolean; signedIn: boolean }) {
  const router = useRouter();
  const [state, setState] = useState({ stars, starred });
  const toggle = useMutation({
    mutationFn: (on: boolean) => (on ? api.put<StarState>(modelPath(slug, "star")) : api.del<StarState>(modelPath(slug, "star"))),
    onSuccess: (s) => {
      setState({ stars: s.stars, starred: s.starred });
      router.refresh();
    },
  });
  if (!signedIn) {
    return (
      <span
        className="inline-flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm text-slate-600"
        data-testid="star-count"
      >
        ★ {formatNumber(state.stars)}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-pressed={state.starred}
        aria-label={`${state.starred ? "Starred" : "Star"} (${state.stars} ${state.stars === 1 ? "star" : "stars"})`}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!state.starred)}
        className={`inline-flex items-center gap-1 rounded border px-2 py-1 text-sm disabled:opacity-50 ${
          state.starred ? "border-amber-400 bg-amber-50 text-amber-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        <span aria-hidden="true">{state.starred ? "★" : "☆"}</span>
        {state.starred ? "Starred" : "Star"}
        <span className="ml-1 rounded bg-slate-100 px-1.5 text-xs text-slate-700" data-testid="star-count">
          {formatNumber(state.stars)}
        </span>
      </button>
      {toggle.isError && (
        <span role="alert" className="text-xs text-red-700">
          {toggle.error.message}
        </span>
      )}
    </span>
  );
}
