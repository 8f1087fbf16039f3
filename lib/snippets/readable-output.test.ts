import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classLabelsOf, featureNamesOf, readableRows } from "@/lib/snippets/readable-output";

const LABELS = ["setosa", "versicolor", "virginica"];

describe("readable model output", () => {
  it("finds the declared class labels and feature names in one place each, ignoring malformed lists", () => {
    expect(classLabelsOf({ type: "object", "x-class-labels": LABELS })).toEqual(LABELS);
    expect(featureNamesOf({ type: "object", "x-feature-names": ["a", "b"] })).toEqual(["a", "b"]);
    for (const bad of [undefined, null, [], [1, 2], ["a", ""], "setosa"]) expect(classLabelsOf({ "x-class-labels": bad })).toBeNull();
    expect(classLabelsOf(null)).toBeNull();
    // Only the top level counts: a property's annotation is not the version's declaration.
    expect(classLabelsOf({ properties: { label: { "x-class-labels": LABELS } } })).toBeNull();
  });

  it("names class indices and lays out probabilities per row (list per class or ONNX ZipMap)", () => {
    const out = {
      label: [2, 0],
      probabilities: [
        [0.01, 0.04, 0.95],
        [0.9, 0.08, 0.02],
      ],
    };
    expect(readableRows(out, LABELS)).toEqual([
      {
        predicted: { index: 2, name: "virginica" },
        scores: [
          { index: 0, name: "setosa", probability: 0.01 },
          { index: 1, name: "versicolor", probability: 0.04 },
          { index: 2, name: "virginica", probability: 0.95 },
        ],
      },
      {
        predicted: { index: 0, name: "setosa" },
        scores: [
          { index: 0, name: "setosa", probability: 0.9 },
          { index: 1, name: "versicolor", probability: 0.08 },
          { index: 2, name: "virginica", probability: 0.02 },
        ],
      },
    ]);
    const zipmap = { output_label: [1], output_probability: [{ 0: 0.2, 1: 0.7, 2: 0.1 }] };
    expect(readableRows(zipmap, LABELS)?.[0]).toMatchObject({
      predicted: { index: 1, name: "versicolor" },
      scores: [{ probability: 0.2 }, { probability: 0.7 }, { probability: 0.1 }],
    });
    // Scores without a label output: the most probable class is the prediction; names as labels work too.
    expect(readableRows({ probabilities: [{ setosa: 0.1, versicolor: 0.3, virginica: 0.6 }] }, LABELS)?.[0].predicted).toEqual({
      index: 2,
      name: "virginica",
    });
    expect(readableRows({ label: ["versicolor"] }, LABELS)).toEqual([{ predicted: { index: 1, name: "versicolor" }, scores: null }]);
  });

  it("gives nothing for answers that are not class indices or probabilities", () => {
    expect(readableRows({ label: [3] }, LABELS)).toBeNull();
    expect(readableRows({ probabilities: [[0.5, 0.5]] }, LABELS)).toBeNull();
    expect(readableRows({ score: [1.7, -2] }, LABELS)).toBeNull();
    expect(readableRows([0, 1], LABELS)).toBeNull();
    expect(readableRows("setosa", LABELS)).toBeNull();
  });

  it("is declared by the seeded ONNX classifiers", () => {
    for (const slug of ["iris-classifier", "penguin-species-classifier", "car-origin-classifier"]) {
      const meta = JSON.parse(readFileSync(`prisma/seed-data/onnx/${slug}.json`, "utf8")) as {
        classes: string[];
        featureNames: string[];
        inputSchema: unknown;
        outputSchema: unknown;
      };
      expect([slug, classLabelsOf(meta.outputSchema)]).toEqual([slug, meta.classes]);
      expect([slug, featureNamesOf(meta.inputSchema)]).toEqual([slug, meta.featureNames]);
    }
  });
});
