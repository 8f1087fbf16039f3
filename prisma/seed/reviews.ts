// Review records: who approved or rejected a version, with the policy checklist they went through.
import type { Prisma } from "../../lib/generated/prisma/client";
import type { Rng } from "./random";
import type { ModelDef } from "./types";

export const CHECKLIST_ITEMS = [
  "model_card_complete",
  "intended_use_documented",
  "evaluation_on_holdout",
  "privacy_reviewed",
  "security_reviewed",
  "cost_model_set",
  "rollback_plan",
] as const;

type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

const REJECTIONS: [ChecklistItem, string][] = [
  ["evaluation_on_holdout", "The evaluation uses a random split only; please add an out-of-time holdout from the last quarter."],
  ["privacy_reviewed", "Training data includes free-text fields that may contain personal data; run the PII scan and document the result."],
  ["model_card_complete", "The model card has no limitations section; reviewers cannot judge the intended use without it."],
  ["rollback_plan", "No rollback plan: keep the previous version approved until the new one has run for two weeks."],
  ["security_reviewed", "The endpoint accepts unauthenticated requests from the cluster; restrict it to the gateway."],
];

const APPROVALS = [
  "Looks good. Evaluation matches the model card.",
  "Approved. Please add drift monitoring before the next major version.",
  "Approved — cost per call is in line with the business case.",
  "Approved after walking through the limitations with the team.",
  "Approved. Thresholds were re-validated by the business owner.",
];

const SECTION_TITLES: Record<NonNullable<ModelDef["missing"]>[number], string> = {
  intendedUse: "Intended use",
  limitations: "Limitations",
  trainingData: "Training data",
  evaluation: "Evaluation",
};

export function reviewFor(def: ModelDef, decision: "approve" | "reject", rng: Rng): { checklist: Prisma.InputJsonValue; comment: string } {
  const checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, true])) as Record<ChecklistItem, boolean>;
  const missing = def.missing ?? [];
  if (decision === "reject") {
    const [item, comment] = rng.pick(REJECTIONS);
    checklist[item] = false;
    return { checklist, comment };
  }
  if (missing.length > 0) {
    checklist.model_card_complete = false;
    const titles = missing.map((m) => `"${SECTION_TITLES[m]}"`).join(" and ");
    return { checklist, comment: `Approved, but the model card has no ${titles} section; add it with the next version.` };
  }
  return { checklist, comment: rng.pick(APPROVALS) };
}
