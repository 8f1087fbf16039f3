import "server-only";
import { firstSchemaProblem } from "@/lib/json-schema/compile-schema";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { CARD_SECTIONS, sectionState } from "@/lib/governance/card-sections";
import type { ChecklistItem } from "@/lib/governance/schemas";

/**
 * Golden tests (lib/golden-tests): none set is fine; once set, the latest run must pass. A draft's tests run
 * when they are set, so a failing case shows on the manage page before anyone submits.
 */
async function goldenTestsItem(tx: DbOrTx, versionId: string): Promise<ChecklistItem> {
  const [suite, run] = await Promise.all([
    tx.goldenTestSuite.findUnique({ where: { versionId }, select: { versionId: true } }),
    tx.goldenTestRun.findFirst({
      where: { versionId },
      orderBy: { at: "desc" },
      select: { passed: true, failed: true, total: true, at: true },
    }),
  ]);
  const label = "Golden tests pass";
  if (!suite) return { key: "golden_tests", label, ok: true, detail: "No golden tests set." };
  if (!run) return { key: "golden_tests", label, ok: false, detail: "The golden tests have not run yet." };
  if (run.passed) return { key: "golden_tests", label, ok: true, detail: `All ${run.total} passed ${run.at.toISOString()}.` };
  return { key: "golden_tests", label, ok: false, detail: `${run.failed} of ${run.total} golden tests failed ${run.at.toISOString()}.` };
}

// The review policy, computed from the data rather than ticked by hand. Every item must hold before a
// version can be approved; the failing ones are returned to the reviewer as the list of what is missing.

export function validateExample(schema: unknown, example: unknown): { ok: boolean; detail?: string } {
  if (schema === null || schema === undefined) return { ok: false, detail: "No input schema." };
  if (example === null || example === undefined) return { ok: false, detail: "No example input." };
  // The same configuration as publishing and the gateway (2020-12): the example is judged as callers' input is.
  try {
    const problem = firstSchemaProblem(schema, example);
    if (!problem) return { ok: true };
    return { ok: false, detail: `The example does not match the input schema: ${problem.pointer || "/"} ${problem.message}`.trim() };
  } catch (error) {
    return { ok: false, detail: `The input schema is not a valid JSON Schema: ${(error as Error).message}` };
  }
}

export async function computeChecklist(tx: DbOrTx, versionId: string): Promise<ChecklistItem[]> {
  const v = await tx.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      inputSchema: true,
      exampleInput: true,
      model: { select: { card: true, intendedUse: true, limitations: true, license: true, businessOwnerId: true, riskLevel: true } },
    },
  });
  const m = v.model;
  const items: ChecklistItem[] = CARD_SECTIONS.map((s) => {
    const state = sectionState(m.card, s);
    const ok = state === "written" || (s.field !== null && m[s.field].trim().length > 0);
    const detail =
      state === "empty"
        ? `Write the "${s.label}" section of the model card (it still holds only the template's prompt).`
        : `Add a "${s.label}" section to the model card.`;
    return { key: `card_${s.key}`, label: `Model card: ${s.label}`, ok, ...(ok ? {} : { detail }) };
  });
  items.push({
    key: "license",
    label: "License set",
    ok: Boolean(m.license?.trim()),
    ...(m.license?.trim() ? {} : { detail: "Set the model's license." }),
  });
  items.push({
    key: "business_owner",
    label: "Business owner set",
    ok: m.businessOwnerId !== null,
    ...(m.businessOwnerId ? {} : { detail: "Name a business owner." }),
  });
  const schemaOk = v.inputSchema !== null;
  items.push({
    key: "input_schema",
    label: "Input schema present",
    ok: schemaOk,
    ...(schemaOk ? {} : { detail: "Add an input JSON Schema." }),
  });
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
    detail: run
      ? `Last successful ${run.channel} call ${run.at.toISOString()}.`
      : "No successful call of this version yet: run the example from the console.",
  });
  items.push(await goldenTestsItem(tx, versionId));
  items.push({
    key: "risk_level",
    label: "Risk level set",
    ok: m.riskLevel !== null,
    ...(m.riskLevel ? {} : { detail: "Set the model's risk level." }),
  });
  return items;
}
