"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ConnectionTest } from "@/components/publishing/connection-test";
import { CostModelFields, type CostModelValue } from "@/components/publishing/cost-model-fields";
import { DerivedSchema } from "@/components/publishing/derived-schema";
import { buttonClass, Field, FormError, inputClass } from "@/components/publishing/field";
import { parseJsonText, toMicros } from "@/components/publishing/form-values";
import { api, modelPath, type ApiBody } from "@/lib/client/api";
import { formErrorsOf, type FormErrors } from "@/lib/client/form-errors";

type Runtime = "onnx" | "http" | "openai";
type Tensor = { name: string; type: string; shape: (number | string)[] };
type SaveRequest = { method: "POST" | "PATCH"; path: string; body: ApiBody };
type Preview = {
  onnx: { inputs: Tensor[]; outputs: Tensor[] };
  inputSchema: unknown;
  outputSchema: unknown;
  suggestedExampleInput?: unknown;
};

export type VersionInitial = {
  version: string;
  runtime: Runtime;
  protocol: string | null;
  endpointUrl: string | null;
  upstreamModelName: string | null;
  secretHeaderName: string | null;
  timeoutMs: number;
  inputSchema: unknown;
  outputSchema: unknown;
  exampleInput: unknown;
  costModel: CostModelValue;
  changelog: string;
};

const ALIASES: Record<string, string> = {
  "costModel.microsPerCall": "microsPerCall",
  "costModel.hardwareClass": "hardwareClass",
  "costModel.inputMicrosPer1k": "inputMicrosPer1k",
  "costModel.outputMicrosPer1k": "outputMicrosPer1k",
};
const pretty = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

function costModelFrom(f: FormData, fields: Record<string, string>): CostModelValue | undefined {
  const s = (k: string) => String(f.get(k) ?? "");
  const money = (k: string) => {
    const m = toMicros(s(k));
    if (m === null) fields[k] = "Enter an amount in USD like 0.0001 (up to 6 decimals).";
    return m ?? 0;
  };
  const kind = s("costKind");
  if (kind === "compute_time") return { kind, hardwareClass: s("hardwareClass").trim() };
  if (kind === "tokens") return { kind, inputMicrosPer1k: money("inputMicrosPer1k"), outputMicrosPer1k: money("outputMicrosPer1k") };
  return { kind: "per_call", microsPerCall: money("microsPerCall") };
}

/** Add a version (ONNX upload with schema confirmation, or an HTTP endpoint) or edit a draft, through the API. */
export function VersionForm({
  owner,
  name,
  initial,
  suggestedVersion,
}: {
  owner: string;
  name: string;
  initial?: VersionInitial;
  suggestedVersion?: string;
}) {
  const router = useRouter();
  const editing = Boolean(initial);
  const [runtime, setRuntime] = useState<Runtime>(initial?.runtime ?? "onnx");
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const base = modelPath(`${owner}/${name}`, "versions");
  const e = errors.fields;
  const showErrors = (error: unknown) => setErrors(formErrorsOf(error, ALIASES));

  // The dry run reads the uploaded file's schema without creating anything.
  const inspect = useMutation({
    mutationFn: (body: FormData) => api.post<Preview>(`${base}?dryRun=true`, body),
    onSuccess: (found) => {
      setErrors({ fields: {} });
      setPreview(found);
      // A first example shaped like the schema, for the publisher to edit rather than type (never over their own).
      const exampleField = form.current?.elements.namedItem("exampleInput") as HTMLTextAreaElement | null | undefined;
      if (exampleField && !exampleField.value.trim() && found.suggestedExampleInput !== undefined)
        exampleField.value = pretty(found.suggestedExampleInput);
    },
    onError: showErrors,
  });
  const save = useMutation({
    mutationFn: ({ method, path, body }: SaveRequest) => (method === "PATCH" ? api.patch(path, body) : api.post(path, body)),
    onSuccess: () => {
      router.push(`/publish/${owner}/${name}`);
      router.refresh();
    },
    onError: showErrors,
  });
  const busy = inspect.isPending || save.isPending;

  function onnxBody(f: FormData, fields: Record<string, string>): FormData {
    const body = new FormData();
    body.set("file", f.get("file") as File);
    body.set("version", String(f.get("version") ?? ""));
    body.set("changelog", String(f.get("changelog") ?? ""));
    body.set("timeoutMs", String(f.get("timeoutMs") ?? "10000"));
    if (String(f.get("exampleInput") ?? "").trim()) body.set("exampleInput", String(f.get("exampleInput")));
    body.set("costModel", JSON.stringify(costModelFrom(f, fields)));
    return body;
  }

  function inspectFile() {
    setPreview(null);
    setConfirmed(false);
    if (!form.current) return;
    const f = new FormData(form.current);
    if (!(f.get("file") instanceof File) || (f.get("file") as File).size === 0) return;
    const body = new FormData();
    body.set("file", f.get("file") as File);
    body.set("version", String(f.get("version") ?? ""));
    inspect.mutate(body);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const example = parseJsonText(String(f.get("exampleInput") ?? ""));
    if (example.error) fields.exampleInput = example.error;
    const inputSchema = runtime !== "onnx" ? parseJsonText(String(f.get("inputSchema") ?? "")) : {};
    const outputSchema = runtime !== "onnx" ? parseJsonText(String(f.get("outputSchema") ?? "")) : {};
    if (inputSchema.error) fields.inputSchema = inputSchema.error;
    if (outputSchema.error) fields.outputSchema = outputSchema.error;
    const costModel = costModelFrom(f, fields);
    if (!editing && runtime === "onnx" && !preview) fields.file = "Choose the .onnx file; its schema is shown here for you to confirm.";
    if (!editing && runtime === "onnx" && preview && !confirmed) fields.confirm = "Confirm that the schema read from the file is right.";
    if (Object.keys(fields).length) return setErrors({ fields });

    const endpoint =
      runtime === "onnx"
        ? {}
        : {
            endpointUrl: s("endpointUrl"),
            protocol: s("protocol"),
            upstreamModelName: s("upstreamModelName") || (editing ? null : undefined),
            secretHeaderName: s("secretHeaderName") || (editing ? null : undefined),
            ...(s("secretHeaderValue") ? { secretHeaderValue: s("secretHeaderValue") } : {}),
            inputSchema: inputSchema.value ?? (editing ? null : undefined),
            outputSchema: outputSchema.value ?? (editing ? null : undefined),
          };
    const common = {
      changelog: String(f.get("changelog") ?? ""),
      exampleInput: example.value ?? (editing ? null : undefined),
      costModel,
      timeoutMs: Number(s("timeoutMs") || 10000),
    };
    if (editing)
      save.mutate({ method: "PATCH", path: modelPath(`${owner}/${name}`, "versions", initial!.version), body: { ...common, ...endpoint } });
    else if (runtime === "onnx") save.mutate({ method: "POST", path: base, body: onnxBody(f, fields) });
    else save.mutate({ method: "POST", path: base, body: { runtime, version: s("version"), ...common, ...endpoint } });
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="max-w-3xl space-y-5" noValidate>
      <FormError message={errors.form} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          id="version"
          label="Version (semver)"
          error={e.version}
          hint="Greater than every existing version, e.g. 1.2.0 or 2.0.0-rc.1."
        >
          <input
            id="version"
            name="version"
            className={inputClass}
            defaultValue={initial?.version ?? suggestedVersion}
            readOnly={editing}
            aria-invalid={Boolean(e.version)}
          />
        </Field>
        <Field id="runtime" label="Runtime" error={e.runtime}>
          <select
            id="runtime"
            name="runtime"
            className={inputClass}
            value={runtime}
            disabled={editing}
            onChange={(ev) => setRuntime(ev.target.value as Runtime)}
          >
            <option value="onnx">ONNX file, served by the portal</option>
            <option value="http">HTTP endpoint of a model server</option>
            <option value="openai">OpenAI-compatible endpoint</option>
          </select>
        </Field>
      </div>

      {runtime === "onnx" && !editing && (
        <div className="space-y-3">
          <Field
            id="file"
            label="ONNX file"
            error={e.file}
            hint="The model exported to ONNX (.onnx). Its inputs and outputs become the version's schema."
          >
            <input id="file" name="file" type="file" accept=".onnx" className={inputClass} onChange={inspectFile} />
          </Field>
          {inspect.isPending && <p className="text-sm text-slate-500">Reading the file…</p>}
          {preview && (
            <>
              <DerivedSchema
                inputs={preview.onnx.inputs}
                outputs={preview.onnx.outputs}
                inputSchema={preview.inputSchema}
                outputSchema={preview.outputSchema}
              />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={confirmed} onChange={(ev) => setConfirmed(ev.target.checked)} />
                The schema read from the file is correct
              </label>
              {e.confirm && (
                <p role="alert" className="text-sm text-red-700">
                  {e.confirm}
                </p>
              )}
            </>
          )}
        </div>
      )}
      {runtime === "onnx" && editing && (
        <p className="text-sm text-slate-600">
          The ONNX file and its schema are fixed; delete this draft and add a new version to change them.
        </p>
      )}

      {runtime !== "onnx" && (
        <fieldset className="space-y-4 rounded border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium text-slate-700">Endpoint</legend>
          <Field id="endpointUrl" label="Endpoint URL" error={e.endpointUrl} hint="Where the model server answers predictions.">
            <input
              id="endpointUrl"
              name="endpointUrl"
              className={inputClass}
              defaultValue={initial?.endpointUrl ?? ""}
              placeholder="https://models.internal/churn/predict"
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="protocol" label="Protocol" error={e.protocol}>
              <select
                id="protocol"
                name="protocol"
                className={inputClass}
                defaultValue={initial?.protocol ?? (runtime === "openai" ? "openai" : "generic")}
              >
                <option value="generic">Generic JSON</option>
                <option value="kserve_v2">KServe V2 / Open Inference Protocol</option>
                <option value="openai">OpenAI-compatible</option>
              </select>
            </Field>
            <Field id="upstreamModelName" label="Upstream model name (optional)" error={e.upstreamModelName}>
              <input
                id="upstreamModelName"
                name="upstreamModelName"
                className={inputClass}
                defaultValue={initial?.upstreamModelName ?? ""}
              />
            </Field>
            <Field
              id="secretHeaderName"
              label="Secret header name (optional)"
              error={e.secretHeaderName}
              hint="e.g. Authorization or X-Api-Key"
            >
              <input id="secretHeaderName" name="secretHeaderName" className={inputClass} defaultValue={initial?.secretHeaderName ?? ""} />
            </Field>
            <Field
              id="secretHeaderValue"
              label="Secret header value (optional)"
              error={e.secretHeaderValue}
              hint={editing ? "Leave blank to keep the stored secret." : "Stored server-side, never shown again."}
            >
              <input id="secretHeaderValue" name="secretHeaderValue" type="password" autoComplete="off" className={inputClass} />
            </Field>
          </div>
          <ConnectionTest form={form} />
          <Field id="inputSchema" label="Input JSON Schema (optional)" error={e.inputSchema}>
            <textarea
              id="inputSchema"
              name="inputSchema"
              rows={5}
              className={`${inputClass} font-mono`}
              defaultValue={pretty(initial?.inputSchema)}
            />
          </Field>
          <Field id="outputSchema" label="Output JSON Schema (optional)" error={e.outputSchema}>
            <textarea
              id="outputSchema"
              name="outputSchema"
              rows={5}
              className={`${inputClass} font-mono`}
              defaultValue={pretty(initial?.outputSchema)}
            />
          </Field>
        </fieldset>
      )}

      <Field id="timeoutMs" label="Timeout (ms)" error={e.timeoutMs}>
        <input
          id="timeoutMs"
          name="timeoutMs"
          type="number"
          min={100}
          max={120000}
          className={inputClass}
          defaultValue={initial?.timeoutMs ?? 10000}
        />
      </Field>
      <Field id="changelog" label="Changelog" error={e.changelog}>
        <textarea id="changelog" name="changelog" rows={3} className={inputClass} defaultValue={initial?.changelog ?? ""} />
      </Field>
      <Field
        id="exampleInput"
        label="Example input (JSON)"
        error={e.exampleInput}
        hint="Checked against the input schema; shown to developers and used by the try-it console."
      >
        <textarea
          id="exampleInput"
          name="exampleInput"
          rows={4}
          className={`${inputClass} font-mono`}
          defaultValue={pretty(initial?.exampleInput)}
        />
      </Field>
      <CostModelFields initial={initial?.costModel} errors={e} />
      <button type="submit" className={buttonClass} disabled={busy}>
        {save.isPending ? "Saving…" : editing ? "Save draft" : "Create draft version"}
      </button>
    </form>
  );
}
