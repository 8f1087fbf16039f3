// Model cards in Markdown: composed from a model's fields, or read from a ready-made card.
import type { ModelDef } from "./types";

export type CardFields = { card: string; intendedUse: string; limitations: string };

function metricsTable(metrics: [string, string][]): string {
  if (metrics.length === 0) return "Evaluation has not been run yet.";
  return ["| metric | value |", "| --- | ---: |", ...metrics.map(([name, value]) => `| ${name} | ${value} |`)].join("\n");
}

/** The text of a `## <title>` section (up to the next `## ` heading), or "" when absent. */
export function cardSection(card: string, title: string): string {
  const lines = card.split("\n");
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${title.toLowerCase()}`);
  if (start < 0) return "";
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith("## "));
  return (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
}

/** A bullet list as running text (for the short `limitations` field shown in tables and cards). */
function bulletsToText(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/^\s*[-*]\s+/, "").trim())
    .filter(Boolean)
    .join(" ");
}

export function cardFor(def: ModelDef): CardFields {
  if (def.card) {
    return {
      card: def.card,
      intendedUse: bulletsToText(cardSection(def.card, "Intended use")),
      limitations: bulletsToText(cardSection(def.card, "Limitations")),
    };
  }
  const missing = new Set(def.missing ?? []);
  const sections: string[] = [`# ${def.displayName}`, def.summary];
  if (!missing.has("intendedUse")) sections.push(`## Intended use\n\n${def.intendedUse}`);
  if (!missing.has("limitations") && def.limitations.length > 0) {
    sections.push(`## Limitations\n\n${def.limitations.map((l) => `- ${l}`).join("\n")}`);
  }
  if (!missing.has("trainingData")) sections.push(`## Training data\n\n${def.trainingData}`);
  if (!missing.has("evaluation")) sections.push(`## Evaluation\n\n${metricsTable(def.metrics)}`);
  sections.push(`## Ownership\n\nMaintained by the \`${def.team}\` team. Risk level: ${def.risk}.`);
  return {
    card: `${sections.join("\n\n")}\n`,
    intendedUse: missing.has("intendedUse") ? "" : def.intendedUse,
    limitations: missing.has("limitations") ? "" : def.limitations.join(" "),
  };
}
