"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Runs the version's example input through the gateway as the reviewer (a console call), so "example runs" can be checked. */
export function RunExampleButton({ url, example }: { url: string; example: unknown }) {
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
      <button type="button" onClick={run} disabled={busy || example === null} className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50">
        {busy ? "Running…" : "Run example"}
      </button>
      {result && (
        <pre aria-label="Example result" className={`max-h-48 overflow-auto rounded p-2 text-xs ${result.status < 300 ? "bg-emerald-50" : "bg-rose-50"}`}>
          HTTP {result.status}{"\n"}{result.text}
        </pre>
      )}
    </div>
  );
}
