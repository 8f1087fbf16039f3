"use client";

import { useMutation } from "@tanstack/react-query";
import type { RefObject } from "react";
import { testConnectionAction } from "@/app/publish/actions";
import { secondaryButtonClass } from "@/components/publishing/field";

/** "Test connection": the server calls the endpoint once and reports status and latency. */
export function ConnectionTest({ form }: { form: RefObject<HTMLFormElement | null> }) {
  // A server action, not a public API route: the test is a publishing-form aid with no API contract. Every
  // outcome, a refusal included, comes back as a report to show.
  const test = useMutation({ mutationFn: testConnectionAction });
  const result = test.data ?? null;
  const pending = test.isPending;
  function run() {
    if (!form.current) return;
    const f = new FormData(form.current);
    const s = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    test.mutate({
      endpointUrl: s("endpointUrl"),
      protocol: s("protocol"),
      secretHeaderName: s("secretHeaderName"),
      secretHeaderValue: s("secretHeaderValue"),
      timeoutMs: Number(s("timeoutMs") ?? 10000),
    });
  }
  return (
    <div className="space-y-2">
      <button type="button" className={secondaryButtonClass} onClick={run} disabled={pending}>
        {pending ? "Testing…" : "Test connection"}
      </button>
      {result && (
        <p role="status" data-testid="connection-result" className={`text-sm ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {"error" in result ? result.error : `${result.message} (${result.status ?? "no status"}, ${result.latencyMs} ms)`}
        </p>
      )}
      {test.isError && (
        <p role="alert" className="text-sm text-red-700">
          The connection could not be tested: {test.error.message}
        </p>
      )}
    </div>
  );
}
