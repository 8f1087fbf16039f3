import "server-only";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { ChecklistItem } from "@/lib/governance/schemas";

// The review policy, computed from the data rather than ticked by hand. Every item must hold before a
// version can be approved; the failing ones are returned to the reviewer as the list of what is missing.

const CARD_SECTIONS = [
  { key: "intended_use", label: "Intended use", field: "intendedUse" },
  { key: "limitations", label: "Limitations", field: "limitations" },
  { key: "training_data", label: "Training data", field: null },
  { key: "evaluation", label: "Evaluation", field: null },
] as const;

/** True when the Markdown card has a heading starting with the section name (e.g. "## Training data"). */
export function cardHasSection(card: string, label: string): boolean {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^#{1,6}\\s*${escaped}\\b`, "im").test(card);
}

export function validateExample(schema: unknown, example: unknown): { ok: boolean; detail?: string } {
  if (schema === null || schema === undefined) return { ok: false, detail: "No input schema." };
  if (example === null || example === undefined) return { ok: false, detail: "No example input." };
  try {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema as object);
    if (validate(example)) return { ok: true };
    const first = validate.errors?.[0];
    return { ok: false, detail: `The example does not match the input schema: ${first?.instancePath || "/"} ${first?.message ?? ""}`.trim() };
  } catch (error) {
    return { ok: false, detail: `The input schema is not a valid JSON Schema: ${(error as Error).message}` };
  }
}

export async function computeChecklist(tx: DbOrTx, versionId: string): Promise<ChecklistItem[]> {
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      inputSchema: true, exampleInput: true,
      model: { select: { card: true, intendedUse: true, limitations: true, license: true, businessOwnerId: true, riskLevel: true } },
    },
  });
  const m = v.model;
  const items: ChecklistItem[] = CARD_SECTIONS.map((s) => {
    const ok = cardHasSection(m.card, s.label) || (s.field !== null && m[s.field].trim().length > 0);
    return { key: `card_${s.key}`, label: `Model card: ${s.label}`, ok, ...(ok ? {} : { detail: `Add a "${s.label}" section to the model card.` }) };
  });
  items.push({ key: "license", label: "License set", ok: Boolean(m.license?.trim()), ...(m.license?.trim() ? {} : { detail: "Set the model's license." }) });
  items.push({ key: "business_owner", label: "Business owner set", ok: m.businessOwnerId !== null, ...(m.businessOwnerId ? {} : { detail: "Name a business owner." }) });
  const schemaOk = v.inputSchema !== null;
  items.push({ key: "input_schema", label: "Input schema present", ok: schemaOk, ...(schemaOk ? {} : { detail: "Add an input JSON Schema." }) });
  const example = validateExample(v.inputSchema, v.exampleInput);
  items.push({ key: "example_valid", label: "Valid example input", ok: example.ok, ...(example.detail ? { detail: example.detail } : {}) });
  const run = await tx.invocation.findFirst({
    where: { versionId, statusCode: { gte: 200, lt: 300 } },
    orderBy: { at: "desc" },
    select: { at: true, channel: true },
  });
  items.push({
    key: "example_runs",
    label: "Example runs",
    ok: run !== null,
    detail: run ? `Last successful ${run.channel} call ${run.at.toISOString()}.` : "No successful call of this version yet: run the example from the console.",
  });
  items.push({ key: "risk_level", label: "Risk level set", ok: m.riskLevel !== null, ...(m.riskLevel ? {} : { detail: "Set the model's risk level." }) });
  return items;
}
