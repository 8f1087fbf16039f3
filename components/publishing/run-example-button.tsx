"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api, type ApiBody } from "@/lib/client/api";

/**
 * Runs the version's example input through the gateway as the signed-in person (a console call): the
 * publishing team proves the example runs before submitting, a reviewer checks it before deciding.
 */
export function RunExampleButton({ url, example, label = "Run example" }: { url: string; example: unknown; label?: string }) {
  const router = useRouter();
  // Any status is a result to show here (the answer as it came), so this reads the raw response.
  const run = useMutation({
    mutationFn: async () => {
      const res = await api.send("POST", url, (example ?? {}) as ApiBody);
      return { status: res.status, text: JSON.stringify(res.data) };
    },
    onSettled: () => router.refresh(),
  });
  const result = run.data;

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => run.mutate()}
        disabled={run.isPending || example === null}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium disabled:opacity-50"
      >
        {run.isPending ? "Running…" : label}
      </button>
      {example === null && <p className="text-xs text-slate-500">Add an example input to the version first.</p>}
      {result && (
        <pre
          aria-label="Example result"
          className={`max-h-48 overflow-auto whitespace-pre-wrap break-all rounded p-2 text-xs ${result.status < 300 ? "bg-emerald-50" : "bg-rose-50"}`}
        >
          HTTP {result.status}
          {"\n"}
          {result.text}
        </pre>
      )}
      {run.isError && (
        <p role="alert" className="text-xs text-red-700">
          {run.error.message}
        </p>
      )}
    </div>
  );
}
