"use client";

import { useState, useTransition, type RefObject } from "react";
import { testConnectionAction, type TestConnectionResult } from "@/app/publish/actions";
import { secondaryButtonClass } from "@/components/publishing/field";

/** "Test connection": the server calls the endpoint once and reports status and latency. */
export function ConnectionTest({ form }: { form: RefObject<HTMLFormElement | null> }) {
  const [result, setResult] = useState<TestConnectionResult | null>(null);
  const [pending, start] = useTransition();
  function run() {
    if (!form.current) return;
    const f = new FormData(form.current);
    const s = (k: string) => String(f.get(k) ?? "").trim() || undefined;
    start(async () => {
      setResult(await testConnectionAction({
        endpointUrl: s("endpointUrl"), protocol: s("protocol"), secretHeaderName: s("secretHeaderName"), secretHeaderValue: s("secretHeaderValue"),
        timeoutMs: Number(s("timeoutMs") ?? 10000),
      }));
    });
  }
  return (
    <div className="space-y-2">
      <button type="button" className={secondaryButtonClass} onClick={run} disabled={pending}>{pending ? "Testing…" : "Test connection"}</button>
      {result && (
        <p role="status" data-testid="connection-result" className={`text-sm ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {"error" in result ? result.error : `${result.message} (${result.status ?? "no status"}, ${result.latencyMs} ms)`}
        </p>
      )}
    </div>
  );
}
