"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Deprecates the shown version with a sunset date, a message for callers and an optional replacement. */
export function DeprecatePanel({ url, version, replacements }: { url: string; version: string; replacements: string[] }) {
  const router = useRouter();
  const [sunset, setSunset] = useState("");
  const [message, setMessage] = useState("");
  const [replacement, setReplacement] = useState(replacements[0] ?? "");
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = { sunsetAt: new Date(`${sunset}T00:00:00Z`).toISOString(), message, ...(replacement ? { replacementVersion: replacement } : {}) };
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    setOutcome(res.ok ? { ok: true, text: `Version ${version} is deprecated; it retires on ${sunset}.` } : { ok: false, text: data?.error?.message ?? `HTTP ${res.status}` });
    if (res.ok) router.refresh();
  }

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">Deprecate version {version}</summary>
      <form onSubmit={submit} className="mt-3 space-y-2 text-sm">
        <label className="block">Sunset date <input type="date" required value={sunset} onChange={(e) => setSunset(e.target.value)} className="ml-2 rounded border border-slate-300 px-2 py-1" /></label>
        <label className="block">Message for callers <input required value={message} onChange={(e) => setMessage(e.target.value)} className="ml-2 w-96 max-w-full rounded border border-slate-300 px-2 py-1" /></label>
        <label className="block">Replacement
          <select value={replacement} onChange={(e) => setReplacement(e.target.value)} className="ml-2 rounded border border-slate-300 px-2 py-1">
            <option value="">none</option>
            {replacements.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button className="rounded bg-amber-700 px-3 py-1.5 text-white">Deprecate</button>
        {outcome && <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-emerald-800" : "text-rose-800"}>{outcome.text}</p>}
      </form>
    </details>
  );
}
