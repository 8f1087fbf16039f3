"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, FormError, inputClass, secondaryButtonClass } from "@/components/publishing/field";
import { api } from "@/lib/client/api";
import type { ShadowView } from "@/lib/rollouts/schemas";

const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);

/**
 * The shadow control on the review page: mirror a share of the model's live calls to this version (callers keep
 * getting the serving version's answer) and see how its answers compare on the same inputs.
 */
export function ShadowPanel({
  modelUrl,
  version,
  canShadow,
  view,
}: {
  modelUrl: string;
  version: string;
  canShadow: boolean;
  view: ShadowView;
}) {
  const router = useRouter();
  const [percent, setPercent] = useState(String(view.shadow?.percent ?? 10));
  const change = useMutation({
    mutationFn: (action: "set" | "stop") =>
      action === "set" ? api.put(`${modelUrl}/shadow`, { version, percent: Number(percent) }) : api.del(`${modelUrl}/shadow`),
    onSuccess: () => router.refresh(),
  });
  const s = view.shadow;
  const f = view.figures;
  const thisOne = s?.version === version;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="shadow-panel">
      <p className="text-sm">
        {s
          ? `Shadow: ${s.percent} % of live calls are mirrored to ${s.version} (${s.status.replace("_", " ")})${s.setBy ? `, set by ${s.setBy}` : ""}.`
          : "No shadow: live calls go to the serving version only."}{" "}
        Callers always get the serving version&apos;s answer; the candidate runs afterwards, recorded as channel “shadow”.
      </p>
      {canShadow ? (
        <div className="flex flex-wrap items-end gap-2">
          <label className="block text-sm">
            Share of live calls (%)
            <input
              className={`${inputClass} w-28`}
              type="number"
              min={0}
              max={100}
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
            />
          </label>
          <button type="button" className={buttonClass} disabled={change.isPending} onClick={() => change.mutate("set")}>
            {thisOne ? "Update shadow" : `Shadow ${version}`}
          </button>
          {s && (
            <button type="button" className={secondaryButtonClass} disabled={change.isPending} onClick={() => change.mutate("stop")}>
              Stop shadow
            </button>
          )}
          <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => router.refresh()}>
            Refresh figures
          </button>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Only a version in review or approved can be shadowed.</p>
      )}
      <FormError message={change.error?.message} />
      {s && f && (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" aria-label={`Shadow comparison of ${s.version}`}>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  On the same {f.comparisons} inputs
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Serving version
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Candidate {s.version}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Agreement (labels)
                </th>
                <td className="px-3 py-2" colSpan={2}>
                  {pct(f.agreementRate)}
                </td>
              </tr>
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Mean absolute difference
                </th>
                <td className="px-3 py-2" colSpan={2}>
                  {f.meanAbsDiff === null ? "—" : f.meanAbsDiff.toPrecision(3)}
                </td>
              </tr>
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Latency p50 / p95
                </th>
                <td className="px-3 py-2">
                  {ms(f.servingLatencyMs.p50)} / {ms(f.servingLatencyMs.p95)}
                </td>
                <td className="px-3 py-2">
                  {ms(f.candidateLatencyMs.p50)} / {ms(f.candidateLatencyMs.p95)}
                </td>
              </tr>
              <tr>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  Errors
                </th>
                <td className="px-3 py-2">{f.servingErrors}</td>
                <td className="px-3 py-2">{f.candidateErrors}</td>
              </tr>
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">
            Since {new Date(f.since).toISOString().slice(0, 16).replace("T", " ")} UTC (7 days at most).
          </p>
        </div>
      )}
    </div>
  );
}
