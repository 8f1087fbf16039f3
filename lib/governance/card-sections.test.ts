import { describe, expect, it } from "vitest";
import { CARD_SECTIONS, cardHasSection, cardTemplate, sectionState } from "@/lib/governance/card-sections";

describe("model card sections", () => {
  it("the template has every section the checklist requires, each still to be written", () => {
    const card = cardTemplate("Churn predictor");
    expect(card.startsWith("# Churn predictor\n")).toBe(true);
    for (const s of CARD_SECTIONS) expect(sectionState(card, s), s.label).toBe("empty");
  });

  it("opens with the summary once there is one, and the sections still wait to be written", () => {
    expect(cardTemplate("Churn predictor", "  Scores churn risk.  ")).toMatch(
      /^# Churn predictor\n\nScores churn risk\.\n\n## Intended use/,
    );
    expect(cardTemplate("Churn predictor", " ")).toContain("What the model does, in one paragraph.");
    for (const s of CARD_SECTIONS) expect(sectionState(cardTemplate("M", "Scores churn risk."), s), s.label).toBe("empty");
  });

  it("a section counts once something is written under its heading, sub-headings included", () => {
    const card = cardTemplate("M")
      .replace("_Who should use the model, for which decisions, and where it must not be used._", "Scoring renewals.")
      .replace(/## Evaluation\n\n_[^_]+_/, "## Evaluation\n\n### Metrics\n\nAUC 0.91 on 2025 data.");
    expect(cardHasSection(card, "Intended use")).toBe(true);
    expect(cardHasSection(card, "Evaluation")).toBe(true);
    expect(cardHasSection(card, "Limitations")).toBe(false);
    expect(cardHasSection("# M\n## Training data\nCRM exports 2024.\n", "Training data")).toBe(true);
    expect(sectionState("# M\n", { label: "Limitations" })).toBe("missing");
  });
});
