"use client";

import { useActionState } from "react";
import type { ActionState } from "@/components/ui/action-form";

/** Adds an hourly rate for a hardware class through the page's server action. */
export function RateForm({ action }: { action: (prev: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <label className="flex flex-col gap-1">
        <span>Hardware class</span>
        <input name="hardwareClass" required placeholder="gpu-a100" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col gap-1">
        <span>Hourly rate (USD)</span>
        <input name="hourlyRate" required type="number" min="0" step="0.000001" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col gap-1">
        <span>Effective from (UTC, ISO)</span>
        <input name="effectiveFrom" required placeholder="2026-12-01T00:00:00Z" className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <button disabled={pending} className="rounded bg-slate-900 px-3 py-1.5 text-white disabled:opacity-50">
        Add rate
      </button>
      {state && (
        <p role="status" className={state.ok ? "text-green-700" : "text-red-700"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
