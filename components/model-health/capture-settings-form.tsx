"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

/** Capture rate (percent) and redacted field names of one version (owners). */
export function CaptureSettingsForm({ path, rate, redact }: { path: string; rate: number; redact: string[] }) {
  const router = useRouter();
  const [percent, setPercent] = useState(String(Math.round(rate * 1000) / 10));
  const [fields, setFields] = useState(redact.join(", "));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await api.patch(`${path}/capture-settings`, {
        captureRate: Number(percent) / 100,
        redactFields: fields
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean),
      });
      setMessage({ ok: true, text: "Saved. New calls are captured with these settings." });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? error.message : "Saving failed." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Capture settings">
      <div>
        <label htmlFor="capture-rate" className="block text-sm font-medium">
          Share of successful calls captured (%)
        </label>
        <input
          id="capture-rate"
          type="number"
          min={0}
          max={100}
          step={0.1}
          required
          value={percent}
          onChange={(e) => setPercent(e.target.value)}
          className="mt-1 w-32 rounded border border-slate-300 px-2 py-1"
        />
        <p className="text-xs text-slate-500">0 turns capture off.</p>
      </div>
      <div>
        <label htmlFor="capture-redact" className="block text-sm font-medium">
          Redacted fields (comma-separated names)
        </label>
        <input
          id="capture-redact"
          value={fields}
          onChange={(e) => setFields(e.target.value)}
          placeholder="e.g. email, customer_id"
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
        />
      </div>
      <button type="submit" disabled={busy} className="rounded bg-blue-600 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        {busy ? "Saving…" : "Save capture settings"}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
