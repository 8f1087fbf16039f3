"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DerivedSchema } from "@/components/publishing/derived-schema";
import { buttonClass, Field, FormError, inputClass } from "@/components/publishing/field";
import { parseJsonText, toMicros } from "@/components/publishing/form-values";
import { api, modelPath } from "@/lib/client/api";
import { formErrorsOf, type FormErrors } from "@/lib/client/form-errors";
import { cardTemplate } from "@/lib/governance/card-sections";
import { modelNameFrom } from "@/lib/publishing/model-name";
import type { OnnxInspection } from "@/lib/publishing/schemas";

type Suggestable = "name" | "displayName" | "task" | "framework" | "license";

// One line while it is short (a row of features reads best as one line), indented otherwise.
const compactJson = (value: unknown) => (JSON.stringify(value).length <= 100 ? JSON.stringify(value) : JSON.stringify(value, null, 2));

/**
 * Create a model through POST /api/v1/models, optionally starting from an ONNX file: the file fills in the
 * name, display name, framework, task and licence, shows the schema read from it and a first example input,
 * and becomes draft version 1.0.0 once the model exists. The card starts from the template the review
 * checklist asks for. Problems are shown next to their fields.
 */
export function NewModelForm({ teams }: { teams: { slug: string; name: string }[] }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [values, setValues] = useState<Record<Suggestable, string>>({ name: "", displayName: "", task: "", framework: "", license: "" });
  const [summary, setSummary] = useState("");
  const [card, setCard] = useState(() => cardTemplate(""));
  const [file, setFile] = useState<File | null>(null);
  const [inspection, setInspection] = useState<OnnxInspection | null>(null);
  const [example, setExample] = useState("");
  // Once the model exists, a failed first version is retried alone.
  const [created, setCreated] = useState<string | null>(null);

  const set = (k: Suggestable, v: string) => setValues((old) => ({ ...old, [k]: v }));
  // While the card is still the untouched template, its title follows the display name and its opening
  // paragraph the summary, so nobody types the summary twice.
  const untouched = card === cardTemplate(values.displayName, summary);
  const setDisplayName = (v: string) => {
    if (untouched) setCard(cardTemplate(v, summary));
    // The name follows the display name too, until the publisher types a name of their own.
    if (values.name === modelNameFrom(values.displayName)) set("name", modelNameFrom(v));
    set("displayName", v);
  };
  const changeSummary = (v: string) => {
    if (untouched) setCard(cardTemplate(values.displayName, v));
    setSummary(v);
  };

  const inspect = useMutation({
    mutationFn: (picked: File) => {
      const body = new FormData();
      body.set("file", picked);
      return api.post<OnnxInspection>("/api/v1/onnx/inspect", body);
    },
    onSuccess: (found) => {
      setErrors({ fields: {} });
      setInspection(found);
      setExample(compactJson(found.exampleInput));
      const s = found.suggested;
      setValues((old) => ({
        name: old.name || s.name,
        framework: old.framework || s.framework,
        task: old.task || (s.task ?? ""),
        license: old.license || (s.license ?? ""),
        displayName: old.displayName || s.displayName,
      }));
      if (!values.displayName && untouched) setCard(cardTemplate(s.displayName, summary));
    },
    onError: (error) => setErrors(formErrorsOf(error)),
  });
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<{ slug: string }>("/api/v1/models", body),
    onSuccess: ({ slug }) => setCreated(slug),
    onError: (error) => setErrors(formErrorsOf(error, { valuePerCallMicros: "valuePerCall" })),
  });
  const upload = useMutation({
    mutationFn: ({ slug, body }: { slug: string; body: FormData }) => api.post(modelPath(slug, "versions"), body),
    onError: (error, { slug }) => {
      const problems = formErrorsOf(error, { costModel: "costPerCall" });
      setErrors({
        ...problems,
        form: `The model ${slug} was created, but its first version was not: ${problems.form ?? Object.values(problems.fields)[0]} Fix it and press the button again.`,
      });
    },
  });
  const busy = inspect.isPending
    ? "Reading the file…"
    : create.isPending
      ? "Creating…"
      : upload.isPending
        ? "Uploading the first version…"
        : null;

  function onFile(picked: File | null) {
    setFile(picked);
    setInspection(null);
    if (picked) inspect.mutate(picked);
  }

  async function uploadFirstVersion(slug: string, f: FormData): Promise<boolean> {
    const fields: Record<string, string> = {};
    const parsed = parseJsonText(example);
    if (parsed.error) fields.exampleInput = parsed.error;
    const cost = toMicros(String(f.get("costPerCall") ?? ""));
    if (cost === null) fields.costPerCall = "Enter an amount like 0.0001 (up to 6 decimals).";
    if (Object.keys(fields).length) {
      setErrors({ fields });
      return false;
    }
    const body = new FormData();
    body.set("file", file!);
    body.set("version", String(f.get("version") ?? "1.0.0"));
    body.set("changelog", "First version.");
    if (example.trim()) body.set("exampleInput", example);
    body.set("costModel", JSON.stringify({ kind: "per_call", microsPerCall: cost }));
    return upload.mutateAsync({ slug, body }).then(
      () => true,
      () => false,
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    let slug = created;
    if (!slug) {
      const value = toMicros(s("valuePerCall"));
      if (value === null) return setErrors({ fields: { valuePerCall: "Enter an amount like 0.002 (up to 6 decimals)." } });
      const body = {
        team: s("team"),
        name: values.name.trim(),
        displayName: values.displayName.trim(),
        summary: s("summary"),
        card,
        task: values.task.trim(),
        framework: values.framework.trim(),
        tags: s("tags")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
        license: values.license.trim() || undefined,
        visibility: s("visibility"),
        businessOwnerEmail: s("businessOwnerEmail") || undefined,
        valuePerCallMicros: value,
        riskLevel: s("riskLevel") || undefined,
      };
      const made = await create.mutateAsync(body).catch(() => null);
      if (!made) return;
      slug = made.slug;
    }
    if (file && inspection && !(await uploadFirstVersion(slug, f))) return;
    router.push(`/publish/${slug}`);
    router.refresh();
  }

  const e = errors.fields;
  const controlled = (name: Suggestable, label: string, hint?: string, props: { placeholder?: string } = {}) => (
    <Field id={name} label={label} hint={hint} error={e[name]}>
      <input
        id={name}
        name={name}
        value={values[name]}
        disabled={Boolean(created)}
        className={inputClass}
        aria-invalid={Boolean(e[name])}
        onChange={(ev) => (name === "displayName" ? setDisplayName(ev.target.value) : set(name, ev.target.value))}
        {...props}
      />
    </Field>
  );
  const text = (name: string, label: string, hint?: string, props: { placeholder?: string; type?: string; defaultValue?: string } = {}) => (
    <Field id={name} label={label} hint={hint} error={e[name]}>
      <input
        id={name}
        name={name}
        disabled={Boolean(created) && name !== "version" && name !== "costPerCall"}
        className={inputClass}
        aria-invalid={Boolean(e[name])}
        {...props}
      />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-5" noValidate>
      <FormError message={errors.form} />
      <fieldset className="space-y-3 rounded border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-700">Start from an ONNX file (optional)</legend>
        <Field
          id="file"
          label="ONNX file"
          error={e.file}
          hint="Fills in the name, schema, labels and an example input from the file; it becomes the first draft version."
        >
          <input
            id="file"
            name="file"
            type="file"
            accept=".onnx"
            disabled={Boolean(created)}
            className={inputClass}
            onChange={(ev) => onFile(ev.target.files?.[0] ?? null)}
          />
        </Field>
        {inspection && (
          <>
            <DerivedSchema
              inputs={inspection.onnx.inputs}
              outputs={inspection.onnx.outputs}
              inputSchema={inspection.inputSchema}
              outputSchema={inspection.outputSchema}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              {text("version", "First version", "Semantic version of this file.", { defaultValue: "1.0.0" })}
              {text("costPerCall", "Cost per call (USD)", "What one call costs to serve, e.g. 0.0001.", { defaultValue: "0" })}
            </div>
            <Field
              id="exampleInput"
              label="Example input (JSON)"
              error={e.exampleInput}
              hint="Shaped like the input schema: replace the values with a real row. Developers see it and the console runs it."
            >
              <textarea
                id="exampleInput"
                value={example}
                onChange={(ev) => setExample(ev.target.value)}
                rows={3}
                className={`${inputClass} font-mono`}
              />
            </Field>
          </>
        )}
      </fieldset>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="team" label="Owning team" error={e.team}>
          <select id="team" name="team" className={inputClass} disabled={Boolean(created)} required>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name} ({t.slug})
              </option>
            ))}
          </select>
        </Field>
        {controlled("name", "Name", "Lowercase letters, digits and dashes; part of the model's address team/name.", {
          placeholder: "churn-predictor",
        })}
        {controlled("displayName", "Display name", undefined, { placeholder: "Churn predictor" })}
        {controlled("task", "Task", "e.g. tabular-classification, text-generation")}
        {controlled("framework", "Framework", "e.g. onnx, pytorch, sklearn")}
        {text("tags", "Tags", "Comma-separated, e.g. tabular, churn")}
        {controlled("license", "License", "e.g. MIT, proprietary")}
        <Field
          id="visibility"
          label="Visibility"
          error={e.visibility}
          hint="Gated models need an approved access request before an app can call them."
        >
          <select id="visibility" name="visibility" className={inputClass} disabled={Boolean(created)}>
            <option value="public">Public inside the organisation</option>
            <option value="gated">Gated (access on request)</option>
          </select>
        </Field>
        {text("businessOwnerEmail", "Business owner email", "The person accountable for the model's value (review needs one).", {
          type: "email",
        })}
        {text("valuePerCall", "Value per successful call (USD)", "What one successful call is worth to the business, e.g. 0.002.", {
          placeholder: "0.00",
        })}
        <Field id="riskLevel" label="Risk level" error={e.riskLevel} hint="Review needs one; high-risk models need two approvals.">
          <select id="riskLevel" name="riskLevel" className={inputClass} disabled={Boolean(created)}>
            <option value="">Not assessed</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </Field>
      </div>
      <Field
        id="summary"
        label="Summary"
        hint="One or two sentences shown in search results; the card opens with it until you edit the card."
        error={e.summary}
      >
        <input
          id="summary"
          name="summary"
          value={summary}
          onChange={(ev) => changeSummary(ev.target.value)}
          disabled={Boolean(created)}
          className={inputClass}
          aria-invalid={Boolean(e.summary)}
        />
      </Field>
      <Field
        id="card"
        label="Model card (Markdown)"
        error={e.card}
        hint="Write under each heading: reviewers need Intended use, Limitations, Training data and Evaluation. The italic prompts do not count."
      >
        <textarea
          id="card"
          name="card"
          rows={16}
          value={card}
          disabled={Boolean(created)}
          onChange={(ev) => setCard(ev.target.value)}
          className={`${inputClass} font-mono`}
        />
      </Field>
      <button type="submit" className={buttonClass} disabled={busy !== null}>
        {busy ?? (created ? "Upload the first version" : file && inspection ? "Create model and draft version" : "Create model")}
      </button>
    </form>
  );
}
