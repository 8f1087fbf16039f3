"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PredictionView as ReadableView } from "@/components/console/prediction-view";
import { predictionKey, usePrediction } from "@/components/console/use-prediction";
import { api } from "@/lib/client/api";
import type { PredictionView } from "@/lib/predictions/schemas";
import { readableRows } from "@/lib/snippets/readable-output";

const STEPS = ["starting", "processing", "succeeded"] as const;

/** A prediction run in the background: its progress (starting → processing → finished), output, and a Cancel button. */
export function BackgroundRun({ id, labels }: { id: string; labels: string[] | null }) {
  const client = useQueryClient();
  const prediction = usePrediction(id);
  const cancel = useMutation({
    mutationFn: () => api.post<PredictionView>(`/api/v1/predictions/${encodeURIComponent(id)}/cancel`),
    onSuccess: (p) => client.setQueryData(predictionKey(id), p),
  });
  const p = prediction.data;
  if (!p) {
    return (
      <p className="text-sm text-slate-600" aria-live="polite">
        {prediction.error ? prediction.error.message : "Accepted; waiting for the prediction…"}
      </p>
    );
  }
  const finished = p.status === "succeeded" || p.status === "failed" || p.status === "canceled";
  const reached = STEPS.indexOf(p.status as (typeof STEPS)[number]);
  const readable = p.status === "succeeded" && labels ? readableRows(p.output, labels) : null;
  return (
    <div data-testid="background-run" className="space-y-2" aria-live="polite">
      <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label="Progress">
        {STEPS.map((step, i) => {
          const last = i === STEPS.length - 1;
          const label = last && finished ? p.status : step;
          const done = finished || i <= reached;
          return (
            <li
              key={step}
              className={`rounded px-2 py-0.5 ${done ? (last && p.status !== "succeeded" ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900") : "bg-slate-100 text-slate-500"}`}
            >
              {label}
            </li>
          );
        })}
      </ol>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div>
          <dt className="inline text-slate-600">Status </dt>
          <dd className="inline font-medium" data-testid="prediction-status">
            {p.status}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">Prediction </dt>
          <dd className="inline font-mono text-xs">{p.id}</dd>
        </div>
        {p.metrics.predictTimeMs !== null && (
          <div>
            <dt className="inline text-slate-600">Run </dt>
            <dd className="inline">{Math.round(p.metrics.predictTimeMs)} ms</dd>
          </div>
        )}
      </dl>
      {!finished && (
        <button
          type="button"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
          className="rounded border border-slate-300 px-3 py-1 text-sm disabled:opacity-50"
        >
          {cancel.isPending ? "Canceling…" : "Cancel"}
        </button>
      )}
      {cancel.error && (
        <p role="alert" className="text-sm text-red-700">
          {cancel.error.message}
        </p>
      )}
      {readable && <ReadableView rows={readable} />}
      {p.status === "succeeded" && (
        <details open={!readable} className="text-sm">
          <summary className="cursor-pointer text-slate-700">Raw JSON output</summary>
          <pre data-testid="prediction-output" className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(p.output, null, 2)}
          </pre>
        </details>
      )}
      {(p.status === "failed" || p.status === "canceled") && p.error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {p.error}
        </p>
      )}
    </div>
  );
}
