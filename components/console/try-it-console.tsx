"use client";

import { useMutation } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import { BackgroundRun } from "@/components/console/background-run";
import { PredictionView } from "@/components/console/prediction-view";
import { runInvoke, plainStatus, type InvokeResult } from "@/components/console/run-invoke";
import { SchemaForm } from "@/components/console/schema-form";
import { bodyFromValues, formShapeOf, valuesFromBody, type FormValues } from "@/lib/snippets/console-form";
import { classLabelsOf, readableRows } from "@/lib/snippets/readable-output";

// Monaco is a large bundle: it is fetched only once the console is opened, never on first load.
const MonacoJsonEditor = dynamic(() => import("@/components/console/monaco-json-editor"), {
  ssr: false,
  loading: () => <p className="h-[260px] rounded border border-slate-200 p-3 text-sm text-slate-500">Loading the editor…</p>,
});

type Props = {
  model: string;
  version: string;
  exampleInput: unknown;
  inputSchema: unknown;
  outputSchema?: unknown;
  disabledReason: string | null;
};

const ms = (n: number | null) => (n === null ? "—" : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`);

/** "Try it": edit the input (JSON or a generated form), run the version, see output, status and timings. */
export function TryItConsole({ model, version, exampleInput, inputSchema, outputSchema, disabledReason }: Props) {
  const example = useMemo(() => JSON.stringify(exampleInput ?? {}, null, 2), [exampleInput]);
  const shape = useMemo(() => formShapeOf(inputSchema), [inputSchema]);
  const labels = useMemo(() => classLabelsOf(outputSchema), [outputSchema]);
  const [open, setOpen] = useState(false);
  // A generated form is easier than JSON for people; JSON stays one click away.
  const [mode, setMode] = useState<"json" | "form">(shape ? "form" : "json");
  const [values, setValues] = useState<FormValues>(() => (shape ? valuesFromBody(shape, exampleInput) : {}));
  const [text, setText] = useState(example);
  const [problem, setProblem] = useState<string | null>(null);
  // A long-running model can run as an async prediction, followed here until it finishes.
  const [background, setBackground] = useState(false);
  // runInvoke never throws: every outcome, refusals included, is a result to show.
  const invoke = useMutation({ mutationFn: (body: unknown) => runInvoke(model, version, body, background) });
  const result = invoke.data ?? null;
  const running = invoke.isPending;

  function switchTo(next: "json" | "form") {
    setProblem(null);
    if (next === mode || !shape) return;
    if (next === "form") {
      try {
        setValues(valuesFromBody(shape, JSON.parse(text)));
      } catch {
        setValues(valuesFromBody(shape, exampleInput));
      }
    } else {
      const built = bodyFromValues(shape, values);
      if ("error" in built) return setProblem(built.error);
      setText(JSON.stringify(built.body, null, 2));
    }
    setMode(next);
  }

  function run() {
    setProblem(null);
    let body: unknown;
    if (mode === "form" && shape) {
      const built = bodyFromValues(shape, values);
      if ("error" in built) return setProblem(built.error);
      body = built.body;
    } else {
      try {
        body = JSON.parse(text);
      } catch (e) {
        return setProblem(`The input is not valid JSON: ${(e as Error).message}`);
      }
    }
    invoke.mutate(body);
  }

  return (
    <section aria-labelledby="try-it-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between">
        <h2 id="try-it-title" className="text-lg font-semibold">
          Try it — {model}@{version}
        </h2>
        {!open && (
          <button type="button" onClick={() => setOpen(true)} className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
            Open console
          </button>
        )}
      </div>
      {disabledReason && (
        <p role="note" className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {disabledReason}
        </p>
      )}
      {open && (
        <div className="mt-3 space-y-3">
          {shape && (
            <div role="tablist" aria-label="Input mode" className="flex gap-2 text-sm">
              {(["form", "json"] as const).map((m) => (
                <button
                  key={m}
                  role="tab"
                  type="button"
                  aria-selected={mode === m}
                  onClick={() => switchTo(m)}
                  className={`rounded px-2 py-1 ${mode === m ? "bg-slate-900 text-white" : "border border-slate-300"}`}
                >
                  {m === "json" ? "JSON" : "Form"}
                </button>
              ))}
            </div>
          )}
          {mode === "form" && shape ? (
            <SchemaForm shape={shape} values={values} onChange={setValues} />
          ) : (
            <MonacoJsonEditor value={text} onChange={setText} label="Input JSON" />
          )}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={run}
              disabled={running || Boolean(disabledReason)}
              className="rounded bg-emerald-700 px-4 py-1.5 text-sm font-medium text-white disabled:cursor-not-allowed disabled:opacity-50"
            >
              {running ? "Running…" : "Run"}
            </button>
            <label className="flex items-center gap-1.5 text-sm text-slate-700">
              <input type="checkbox" checked={background} onChange={(e) => setBackground(e.target.checked)} />
              Run in background
            </label>
            <button
              type="button"
              onClick={() => {
                setText(example);
                setValues(shape ? valuesFromBody(shape, exampleInput) : {});
              }}
              className="text-sm text-slate-700 underline"
            >
              Reset to example
            </button>
          </div>
          {problem && (
            <p role="alert" className="text-sm text-red-700">
              {problem}
            </p>
          )}
          {result?.predictionId ? (
            <BackgroundRun key={result.predictionId} id={result.predictionId} labels={labels} />
          ) : (
            result && <ConsoleResult result={result} labels={labels} />
          )}
        </div>
      )}
    </section>
  );
}

function ConsoleResult({ result, labels }: { result: InvokeResult; labels: string[] | null }) {
  const readable = result.ok && labels ? readableRows(result.output, labels) : null;
  return (
    <div data-testid="console-result" className="space-y-2" aria-live="polite">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div>
          <dt className="inline text-slate-600">Status </dt>
          <dd className={`inline font-medium ${result.ok ? "text-emerald-700" : "text-red-700"}`} data-testid="console-status">
            {result.status || "no answer"}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">Total </dt>
          <dd className="inline">{ms(result.totalMs)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">Gateway </dt>
          <dd className="inline" data-testid="console-gateway-ms">
            {ms(result.gatewayMs)}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">Model </dt>
          <dd className="inline" data-testid="console-upstream-ms">
            {ms(result.upstreamMs)}
          </dd>
        </div>
        {result.requestId && (
          <div>
            <dt className="inline text-slate-600">Request </dt>
            <dd className="inline font-mono text-xs">{result.requestId}</dd>
          </div>
        )}
      </dl>
      {result.deprecation && <p className="text-sm text-amber-800">This version is deprecated: plan a move to a newer one.</p>}
      {result.ok && readable && <PredictionView rows={readable} />}
      {result.ok ? (
        <details open={!readable} className="text-sm">
          <summary className="cursor-pointer text-slate-700">Raw JSON output</summary>
          <pre data-testid="console-output" className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(result.output, null, 2)}
          </pre>
        </details>
      ) : (
        <div role="alert" data-testid="console-error" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">{result.error?.message}</p>
          {plainStatus(result.status) && result.error?.message !== plainStatus(result.status) && <p>{plainStatus(result.status)}</p>}
          <p className="mt-1 font-mono text-xs text-red-700">{result.error?.code}</p>
        </div>
      )}
    </div>
  );
}
