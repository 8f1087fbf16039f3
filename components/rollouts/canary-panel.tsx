"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, FormError, inputClass, secondaryButtonClass } from "@/components/publishing/field";
import { api } from "@/lib/client/api";
import type { CanaryView } from "@/lib/rollouts/schemas";

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} ms`);

/**
 * The canary control on the manage page: split range and latest calls between two approved versions, see the
 * figures the guard judges, and whether it rolled the canary back.
 */
export function CanaryPanel({ modelUrl, approved, view }: { modelUrl: string; approved: string[]; view: CanaryView }) {
  const router = useRouter();
  const c = view.canary;
  const [stable, setStable] = useState(c?.stable ?? approved[1] ?? approved[0] ?? "");
  const [canary, setCanary] = useState(c?.canary ?? approved[0] ?? "");
  const [weight, setWeight] = useState(String(c?.weight || 10));
  const change = useMutation({
    mutationFn: (action: "set" | "stop") =>
      action === "set" ? api.put(`${modelUrl}/canary`, { stable, canary, weight: Number(weight) }) : api.del(`${modelUrl}/canary`),
    onSuccess: () => router.refresh(),
  });
  const f = view.figures;
  if (approved.length < 2 && !c) return <p className="text-sm text-slate-600">A canary needs two approved versions.</p>;
  const select = (id: string, label: string, value: string, set: (v: string) => void) => (
    <label className="block text-sm" htmlFor={id}>
      {label}
      <select id={id} className={inputClass} value={value} onChange={(e) => set(e.target.value)}>
        {approved.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="canary-panel">
      <p className="text-sm">
        {c
          ? c.rolledBackAt
            ? `Rolled back ${new Date(c.rolledBackAt).toISOString().slice(0, 16).replace("T", " ")} UTC: ${c.rollbackReason}. Range and latest calls go to ${c.stable}.`
            : `Canary: ${c.weight} % of range and latest calls go to ${c.canary}, the rest to ${c.stable}.`
          : "No canary: range and latest calls go to the newest approved version."}{" "}
        Pinned callers are never split. A canary whose 5xx rate passes 5 % or whose p95 passes twice the stable version&apos;s is rolled
        back automatically.
      </p>
      <div className="grid gap-2 sm:grid-cols-4 sm:items-end">
        {select("canary-stable", "Stable version", stable, setStable)}
        {select("canary-version", "Canary version", canary, setCanary)}
        <label className="block text-sm">
          Canary share (%)
          <input className={inputClass} type="number" min={0} max={100} value={weight} onChange={(e) => setWeight(e.target.value)} />
        </label>
        <div className="flex gap-2">
          <button type="button" className={buttonClass} disabled={change.isPending} onClick={() => change.mutate("set")}>
            {c ? "Update canary" : "Start canary"}
          </button>
          {c && (
            <button type="button" className={secondaryButtonClass} disabled={change.isPending} onClick={() => change.mutate("stop")}>
              End canary
            </button>
          )}
        </div>
      </div>
      <FormError message={change.error?.message} />
      {c && f && (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" aria-label="Canary figures">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Since {new Date(f.since).toISOString().slice(11, 16)} UTC
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Calls
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  5xx rate
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  p95
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {(
                [
                  [`Stable ${c.stable}`, f.stable],
                  [`Canary ${c.canary}`, f.canary],
                ] as const
              ).map(([label, v]) => (
                <tr key={label}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    {label}
                  </th>
                  <td className="px-3 py-2">{v.calls}</td>
                  <td className="px-3 py-2">{pct(v.errorRate)}</td>
                  <td className="px-3 py-2">{ms(v.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
