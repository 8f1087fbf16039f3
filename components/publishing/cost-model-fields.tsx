"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/publishing/field";

export type CostModelValue =
  | { kind: "per_call"; microsPerCall: number }
  | { kind: "compute_time"; hardwareClass: string }
  | { kind: "tokens"; inputMicrosPer1k: number; outputMicrosPer1k: number };

const usd = (micros: number | undefined) => (micros ? String(micros / 1_000_000) : "");

/** The cost model inputs (amounts in USD; the form converts them to micros). */
export function CostModelFields({ initial, errors }: { initial?: CostModelValue; errors: Record<string, string> }) {
  const [kind, setKind] = useState<CostModelValue["kind"]>(initial?.kind ?? "per_call");
  const init = (initial ?? {}) as Partial<Record<string, string | number>>;
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium text-slate-700">Cost model</legend>
      <Field id="costKind" label="How a call is charged" error={errors.costModel}>
        <select
          id="costKind"
          name="costKind"
          className={inputClass}
          value={kind}
          onChange={(e) => setKind(e.target.value as CostModelValue["kind"])}
        >
          <option value="per_call">A fixed price per call</option>
          <option value="compute_time">Compute time on a hardware class</option>
          <option value="tokens">Per 1,000 input and output tokens</option>
        </select>
      </Field>
      {kind === "per_call" && (
        <Field id="microsPerCall" label="Price per call (USD)" error={errors.microsPerCall} hint="e.g. 0.0001">
          <input
            id="microsPerCall"
            name="microsPerCall"
            className={inputClass}
            defaultValue={usd(init.microsPerCall as number | undefined)}
          />
        </Field>
      )}
      {kind === "compute_time" && (
        <Field
          id="hardwareClass"
          label="Hardware class"
          error={errors.hardwareClass}
          hint="Priced by the admin's hourly hardware rates, e.g. cpu-small, gpu-a10."
        >
          <input
            id="hardwareClass"
            name="hardwareClass"
            className={inputClass}
            defaultValue={(init.hardwareClass as string | undefined) ?? ""}
          />
        </Field>
      )}
      {kind === "tokens" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="inputMicrosPer1k" label="Per 1,000 input tokens (USD)" error={errors.inputMicrosPer1k}>
            <input
              id="inputMicrosPer1k"
              name="inputMicrosPer1k"
              className={inputClass}
              defaultValue={usd(init.inputMicrosPer1k as number | undefined)}
            />
          </Field>
          <Field id="outputMicrosPer1k" label="Per 1,000 output tokens (USD)" error={errors.outputMicrosPer1k}>
            <input
              id="outputMicrosPer1k"
              name="outputMicrosPer1k"
              className={inputClass}
              defaultValue={usd(init.outputMicrosPer1k as number | undefined)}
            />
          </Field>
        </div>
      )}
    </fieldset>
  );
}
