// The model-card sections the review checklist requires. Shared by the checklist (server) and the publishing
// forms (browser), so the template a publisher starts from is exactly what review asks for.

export const CARD_SECTIONS = [
  {
    key: "intended_use",
    label: "Intended use",
    field: "intendedUse",
    hint: "Who should use the model, for which decisions, and where it must not be used.",
  },
  {
    key: "limitations",
    label: "Limitations",
    field: "limitations",
    hint: "Known failure cases, populations or inputs it was not built for, and what that means for callers.",
  },
  {
    key: "training_data",
    label: "Training data",
    field: null,
    hint: "The data set(s), their origin and licence, the period they cover, and how they were split.",
  },
  {
    key: "evaluation",
    label: "Evaluation",
    field: null,
    hint: "The metrics on held-out data, the baseline they were compared with, and when they were measured.",
  },
] as const;

type SectionRef = { label: string; hint?: string };

/**
 * How far a Markdown card covers a section: "missing" (no heading starting with its name, e.g. "## Training
 * data"), "empty" (the heading holds nothing but the template's prompt) or "written".
 */
export function sectionState(card: string, section: SectionRef): "missing" | "empty" | "written" {
  const lines = card.split(/\r?\n/);
  const heading = new RegExp(`^#{1,6}\\s*${section.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return "missing";
  // The section runs to the next heading of its level or above (its own sub-headings belong to it).
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l) && /^#+/.exec(l)![0].length <= level);
  let body = lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
  if (section.hint) body = body.replace(`_${section.hint}_`, "");
  body = body.trim();
  return body.length > 0 ? "written" : "empty";
}

/** True when the card has the section with something written under it (the template's prompt does not count). */
export function cardHasSection(card: string, label: string): boolean {
  const known = CARD_SECTIONS.find((s) => s.label === label);
  return sectionState(card, known ?? { label }) === "written";
}

/**
 * The card a new model starts from: its title, its summary as the opening paragraph (a prompt until there is
 * one), then one heading per required section with a prompt.
 */
export function cardTemplate(title: string, summary = ""): string {
  const sections = CARD_SECTIONS.map((s) => `## ${s.label}\n\n_${s.hint}_\n`).join("\n");
  return `# ${title || "Model name"}\n\n${summary.trim() || "What the model does, in one paragraph."}\n\n${sections}`;
}
