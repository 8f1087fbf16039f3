import type { ModelDetail } from "@/lib/catalog/schemas";

/** A model card as one Markdown document for an agent: what it is, how to call it, then the card itself. */
export function modelCardMarkdown(model: ModelDetail): string {
  const callable = model.versions.filter((v) => v.status === "approved" || v.status === "deprecated");
  const lines = [
    `# ${model.displayName} (\`${model.slug}\`)`,
    "",
    model.summary,
    "",
    `- Task: ${model.task}; framework: ${model.framework}; license: ${model.license ?? "none stated"}`,
    `- Visibility: ${model.visibility}${model.visibility === "gated" ? " (access on request)" : ""}; team: ${model.team.name}`,
    `- Latest approved version: ${model.latestVersion ?? "none yet"}`,
    `- Calls in the last 30 days: ${model.facts.calls30d}`,
  ];
  if (model.tags.length) lines.push(`- Tags: ${model.tags.join(", ")}`);
  if (callable.length) {
    lines.push("", "## Callable versions", "");
    for (const v of callable) {
      const note = v.status === "deprecated" ? ` — deprecated${v.sunsetAt ? `, retired after ${v.sunsetAt.slice(0, 10)}` : ""}` : "";
      lines.push(`- ${v.version} (${v.runtime})${note}`);
    }
    const latest = callable.find((v) => v.version === model.latestVersion) ?? callable[0];
    if (latest.exampleInput !== null) {
      lines.push("", `Example input for ${latest.version} (call it with the \`invoke_model\` tool):`, "", "```json");
      lines.push(JSON.stringify(latest.exampleInput, null, 2), "```");
    }
  }
  if (model.intendedUse) lines.push("", "## Intended use", "", model.intendedUse);
  if (model.limitations) lines.push("", "## Limitations", "", model.limitations);
  lines.push("", "## Model card", "", model.card.trim() || "_No card written yet._", "");
  return lines.join("\n");
}
