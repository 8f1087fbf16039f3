"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * Runs the version's example input through the gateway as the signed-in person (a console call): the
 * publishing team proves the example runs before submitting, a reviewer checks it before deciding.
 */
export function RunExampleButton({ url, example, label = "Run example" }: { url: string; example: unknown; label?: string }) {
  const router = useRouter();
  const [result, setResult] = useState<{ status: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(example ?? {}) });
    setResult({ status: res.status, text: await res.text() });
    setBusy(false);
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <button type="button" onClick={run} disabled={busy || example === null} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium disabled:opacity-50">
        {busy ? "Running…" : label}
      </button>
      {example === null && <p className="text-xs text-slate-500">Add an example input to the version first.</p>}
      {result && (
        <pre aria-label="Example result" className={`max-h-48 overflow-auto whitespace-pre-wrap break-all rounded p-2 text-xs ${result.status < 300 ? "bg-emerald-50" : "bg-rose-50"}`}>
          HTTP {result.status}{"\n"}{result.text}
        </pre>
      )}
    </div>
  );
}
