"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorsFrom, toMicros, type FormErrors } from "@/components/publishing/api-errors";
import { buttonClass, Field, FormError, inputClass } from "@/components/publishing/field";

/** Create a model through POST /api/v1/models; problems are shown next to their fields. */
export function NewModelForm({ teams }: { teams: { slug: string; name: string }[] }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const value = toMicros(s("valuePerCall"));
    if (value === null) return setErrors({ fields: { valuePerCall: "Enter an amount like 0.002 (up to 6 decimals)." } });
    const body = {
      team: s("team"), name: s("name"), displayName: s("displayName"), summary: s("summary"), card: String(f.get("card") ?? ""),
      task: s("task"), framework: s("framework"), tags: s("tags").split(",").map((t) => t.trim()).filter(Boolean),
      license: s("license") || undefined, visibility: s("visibility"), businessOwnerEmail: s("businessOwnerEmail") || undefined,
      valuePerCallMicros: value, riskLevel: s("riskLevel") || undefined, intendedUse: s("intendedUse"), limitations: s("limitations"),
    };
    setBusy(true);
    const res = await fetch("/api/v1/models", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    setBusy(false);
    if (!res.ok) return setErrors(await errorsFrom(res, { valuePerCallMicros: "valuePerCall" }));
    const created = (await res.json()) as { slug: string };
    router.push(`/publish/${created.slug}`);
    router.refresh();
  }

  const e = errors.fields;
  const text = (name: string, label: string, hint?: string, props: { required?: boolean; placeholder?: string; type?: string } = {}) => (
    <Field id={name} label={label} hint={hint} error={e[name]}>
      <input id={name} name={name} className={inputClass} aria-invalid={Boolean(e[name])} aria-describedby={e[name] ? `${name}-error` : undefined} {...props} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-5" noValidate>
      <FormError message={errors.form} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="team" label="Owning team" error={e.team}>
          <select id="team" name="team" className={inputClass} required>
            {teams.map((t) => <option key={t.slug} value={t.slug}>{t.name} ({t.slug})</option>)}
          </select>
        </Field>
        {text("name", "Name", "Lowercase letters, digits and dashes; part of the model's address team/name.", { required: true, placeholder: "churn-predictor" })}
        {text("displayName", "Display name", undefined, { required: true, placeholder: "Churn predictor" })}
        {text("task", "Task", "e.g. tabular-classification, text-generation", { required: true })}
        {text("framework", "Framework", "e.g. onnx, pytorch, sklearn", { required: true })}
        {text("tags", "Tags", "Comma-separated, e.g. tabular, churn")}
        {text("license", "License", "e.g. MIT, proprietary")}
        <Field id="visibility" label="Visibility" error={e.visibility} hint="Gated models need an approved access request before an app can call them.">
          <select id="visibility" name="visibility" className={inputClass}>
            <option value="public">Public inside the organisation</option>
            <option value="gated">Gated (access on request)</option>
          </select>
        </Field>
        {text("businessOwnerEmail", "Business owner email", "The person accountable for the model's value.", { type: "email" })}
        {text("valuePerCall", "Value per successful call (USD)", "What one successful call is worth to the business, e.g. 0.002.", { placeholder: "0.00" })}
        <Field id="riskLevel" label="Risk level" error={e.riskLevel}>
          <select id="riskLevel" name="riskLevel" className={inputClass}>
            <option value="">Not assessed</option><option value="low">Low</option><option value="medium">Medium</option><option value="high">High</option>
          </select>
        </Field>
      </div>
      {text("summary", "Summary", "One or two sentences shown in search results.")}
      <Field id="card" label="Model card (Markdown)" error={e.card}>
        <textarea id="card" name="card" rows={8} className={`${inputClass} font-mono`} />
      </Field>
      <Field id="intendedUse" label="Intended use" error={e.intendedUse}>
        <textarea id="intendedUse" name="intendedUse" rows={3} className={inputClass} />
      </Field>
      <Field id="limitations" label="Limitations" error={e.limitations}>
        <textarea id="limitations" name="limitations" rows={3} className={inputClass} />
      </Field>
      <button type="submit" className={buttonClass} disabled={busy}>{busy ? "Creating…" : "Create model"}</button>
    </form>
  );
}
