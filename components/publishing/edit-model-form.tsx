"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, Field, FormError, inputClass } from "@/components/publishing/field";
import { toMicros } from "@/components/publishing/form-values";
import { api, modelPath } from "@/lib/client/api";
import { formErrorsOf, type FormErrors } from "@/lib/client/form-errors";

export type EditableModel = {
  slug: string;
  displayName: string;
  summary: string;
  card: string;
  tags: string[];
  task: string;
  license: string | null;
  contactEmail: string | null;
  riskLevel: string | null;
  businessOwnerEmail: string | null;
  valuePerCallMicros: string;
  intendedUse: string;
  limitations: string;
};

const usd = (micros: string) => (Number(micros) / 1_000_000).toFixed(6).replace(/\.?0+$/, "");

/** Edit a model's metadata and card through PATCH /api/v1/models/{owner}/{name}; versions are not touched. */
export function EditModelForm({ model }: { model: EditableModel }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch(modelPath(model.slug), body),
    onSuccess: () => {
      router.push(`/publish/${model.slug}`);
      router.refresh();
    },
    onError: (error) => setErrors(formErrorsOf(error, { valuePerCallMicros: "valuePerCall" })),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const value = toMicros(s("valuePerCall"));
    if (value === null) return setErrors({ fields: { valuePerCall: "Enter an amount like 0.002 (up to 6 decimals)." } });
    const body = {
      displayName: s("displayName"),
      summary: s("summary"),
      card: String(f.get("card") ?? ""),
      task: s("task"),
      tags: s("tags")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      license: s("license") || null,
      contactEmail: s("contactEmail") || null,
      riskLevel: s("riskLevel") || null,
      businessOwnerEmail: s("businessOwnerEmail") || null,
      valuePerCallMicros: value,
      intendedUse: s("intendedUse"),
      limitations: s("limitations"),
    };
    setErrors({ fields: {} });
    save.mutate(body);
  }

  const e = errors.fields;
  const text = (name: string, label: string, value: string, hint?: string, type = "text") => (
    <Field id={name} label={label} hint={hint} error={e[name]}>
      <input id={name} name={name} type={type} defaultValue={value} className={inputClass} aria-invalid={Boolean(e[name])} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-5" noValidate>
      <FormError message={errors.form} />
      <div className="grid gap-5 sm:grid-cols-2">
        {text("displayName", "Display name", model.displayName)}
        {text("task", "Task", model.task, "e.g. tabular-classification")}
        {text("tags", "Tags", model.tags.join(", "), "Comma-separated")}
        {text("license", "License", model.license ?? "", "e.g. MIT, proprietary")}
        {text(
          "contactEmail",
          "Contact email",
          model.contactEmail ?? "",
          "Who developers ask about the model; empty = the team's contact.",
          "email",
        )}
        {text(
          "businessOwnerEmail",
          "Business owner email",
          model.businessOwnerEmail ?? "",
          "The person accountable for the model's value.",
          "email",
        )}
        {text("valuePerCall", "Value per successful call (USD)", usd(model.valuePerCallMicros))}
        <Field id="riskLevel" label="Risk level" error={e.riskLevel} hint="High-risk models need two approvals from different reviewers.">
          <select id="riskLevel" name="riskLevel" className={inputClass} defaultValue={model.riskLevel ?? ""}>
            <option value="">Not assessed</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </Field>
      </div>
      {text("summary", "Summary", model.summary, "One or two sentences shown in search results.")}
      <Field
        id="card"
        label="Model card (Markdown)"
        error={e.card}
        hint="Reviewers need the sections Intended use, Limitations, Training data and Evaluation, each with text under its heading."
      >
        <textarea id="card" name="card" rows={18} defaultValue={model.card} className={`${inputClass} font-mono`} />
      </Field>
      <Field id="intendedUse" label="Intended use (short form, optional)" error={e.intendedUse}>
        <textarea id="intendedUse" name="intendedUse" rows={2} defaultValue={model.intendedUse} className={inputClass} />
      </Field>
      <Field id="limitations" label="Limitations (short form, optional)" error={e.limitations}>
        <textarea id="limitations" name="limitations" rows={2} defaultValue={model.limitations} className={inputClass} />
      </Field>
      <p className="text-sm text-slate-600">Versions are not changed: a submitted version stays exactly as it was reviewed.</p>
      <button type="submit" className={buttonClass} disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
