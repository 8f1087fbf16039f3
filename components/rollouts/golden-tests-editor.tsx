"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, FormError, inputClass, secondaryButtonClass } from "@/components/publishing/field";
import { GoldenRunSummary } from "@/components/rollouts/golden-run-summary";
import { api, modelPath } from "@/lib/client/api";
import type { GoldenSuiteView } from "@/lib/golden-tests/schemas";

type Row = { name: string; input: string; expected: string; tolerance: string };

const pretty = (v: unknown) => JSON.stringify(v ?? {}, null, 2);
const rowOf = (c: GoldenSuiteView["cases"][number]): Row => ({
  name: c.name,
  input: pretty(c.input),
  expected: pretty(c.expected),
  tolerance: String(c.tolerance),
});

/** Parses the rows into cases, or names the first field that is not JSON / not a number. */
function casesOf(rows: Row[]): { cases?: unknown[]; error?: string } {
  const cases: unknown[] = [];
  for (const [i, r] of rows.entries()) {
    const n = `Case ${i + 1}`;
    let input: unknown;
    let expected: unknown;
    try {
      input = JSON.parse(r.input);
    } catch {
      return { error: `${n}: the input is not valid JSON.` };
    }
    try {
      expected = JSON.parse(r.expected);
    } catch {
      return { error: `${n}: the expected output is not valid JSON.` };
    }
    const tolerance = Number(r.tolerance || "0");
    if (!Number.isFinite(tolerance) || tolerance < 0) return { error: `${n}: the tolerance must be a number ≥ 0.` };
    cases.push({ name: r.name.trim(), input, expected, tolerance });
  }
  return { cases };
}

/** The golden tests of a draft: expected input → output pairs, saved (and run at once) through the public API. */
export function GoldenTestsEditor({
  owner,
  name,
  version,
  initial,
  exampleInput,
}: {
  owner: string;
  name: string;
  version: string;
  initial: GoldenSuiteView;
  exampleInput: unknown;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(initial.cases.map(rowOf));
  const [localError, setLocalError] = useState<string>();
  const [run, setRun] = useState(initial.lastRun);
  const save = useMutation({
    mutationFn: (cases: unknown[]) =>
      api.put<GoldenSuiteView>(modelPath(`${owner}/${name}`, "versions", version, "golden-tests"), { cases }),
    onSuccess: (view) => {
      setRun(view.lastRun);
      router.refresh();
    },
  });
  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () => {
    const parsed = casesOf(rows);
    setLocalError(parsed.error);
    if (parsed.cases) save.mutate(parsed.cases);
  };

  return (
    <section aria-labelledby="golden-title" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="golden-title" className="text-lg font-semibold">
          Golden tests
        </h2>
        <p className="text-sm text-slate-600">
          Inputs with the answer this version must give. Numbers may differ by the tolerance; labels, strings and booleans must be equal;
          only the fields you give are checked. They run when you save, when you submit and daily; a failure blocks approval.
        </p>
      </div>
      {rows.map((r, i) => (
        <fieldset key={i} className="space-y-2 rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Case {i + 1}</legend>
          <label className="block text-sm">
            Name
            <input className={inputClass} value={r.name} onChange={(e) => update(i, { name: e.target.value })} />
          </label>
          <div className="grid gap-2 md:grid-cols-2">
            <label className="block text-sm">
              Input (JSON)
              <textarea
                rows={4}
                className={`${inputClass} font-mono`}
                value={r.input}
                onChange={(e) => update(i, { input: e.target.value })}
              />
            </label>
            <label className="block text-sm">
              Expected output (JSON)
              <textarea
                rows={4}
                className={`${inputClass} font-mono`}
                value={r.expected}
                onChange={(e) => update(i, { expected: e.target.value })}
              />
            </label>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <label className="block text-sm">
              Tolerance
              <input
                className={`${inputClass} w-32`}
                inputMode="decimal"
                value={r.tolerance}
                onChange={(e) => update(i, { tolerance: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="text-sm text-red-700 hover:underline"
              onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            >
              Remove case {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <FormError message={localError ?? save.error?.message} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() =>
            setRows((rs) => [...rs, { name: `case ${rs.length + 1}`, input: pretty(exampleInput), expected: "{}", tolerance: "0" }])
          }
        >
          Add a case
        </button>
        <button type="button" className={buttonClass} disabled={save.isPending} onClick={submit}>
          {save.isPending ? "Running…" : "Save and run"}
        </button>
      </div>
      <GoldenRunSummary run={run} />
    </section>
  );
}
