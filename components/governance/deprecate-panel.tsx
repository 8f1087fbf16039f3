"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";

/** Deprecates the shown version with a sunset date, a message for callers and an optional replacement. */
export function DeprecatePanel({ url, version, replacements }: { url: string; version: string; replacements: string[] }) {
  const router = useRouter();
  const [sunset, setSunset] = useState("");
  const [message, setMessage] = useState("");
  const [replacement, setReplacement] = useState(replacements[0] ?? "");
  const deprecate = useMutation({
    mutationFn: (sunsetDate: string) =>
      api.post(url, {
        sunsetAt: new Date(`${sunsetDate}T00:00:00Z`).toISOString(),
        message,
        ...(replacement ? { replacementVersion: replacement } : {}),
      }),
    onSuccess: () => router.refresh(),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    deprecate.mutate(sunset);
  }

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">Deprecate version {version}</summary>
      <form onSubmit={submit} className="mt-3 space-y-2 text-sm">
        <label className="block">
          Sunset date{" "}
          <input
            type="date"
            required
            value={sunset}
            onChange={(e) => setSunset(e.target.value)}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="block">
          Message for callers{" "}
          <input
            required
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            className="ml-2 w-96 max-w-full rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="block">
          Replacement
          <select
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          >
            <option value="">none</option>
            {replacements.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button disabled={deprecate.isPending} className="rounded bg-amber-700 px-3 py-1.5 text-white disabled:opacity-50">
          Deprecate
        </button>
        {deprecate.isSuccess && (
          <p role="status" className="text-emerald-800">{`Version ${version} is deprecated; it retires on ${deprecate.variables}.`}</p>
        )}
        {deprecate.isError && (
          <p role="alert" className="text-rose-800">
            {deprecate.error.message}
          </p>
        )}
      </form>
    </details>
  );
}
