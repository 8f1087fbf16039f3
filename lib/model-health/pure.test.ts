import { describe, expect, it } from "vitest";
import { jensenShannon, psi } from "@/lib/model-health/drift-math";
import { readDataset } from "@/lib/model-health/parse-dataset";
import { bucketsOf, profileRows } from "@/lib/model-health/profile";
import { redactFields } from "@/lib/model-health/redact";
import { toRows } from "@/lib/model-health/rows";

const stream = (text: string, chunk = 3) =>
  (async function* () {
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
  })();

describe("model-health building blocks", () => {
  it("PSI and Jensen-Shannon are 0 for the same distribution and grow with the shift", () => {
    expect(psi([10, 20, 30], [1, 2, 3])).toBeCloseTo(0, 10);
    expect(psi([10, 10, 10], [0, 0, 30])).toBeGreaterThan(1);
    expect(jensenShannon({ a: 5, b: 5 }, { a: 1, b: 1 })).toBeCloseTo(0, 10);
    expect(jensenShannon({ a: 1 }, { b: 1 })).toBeCloseTo(1, 10);
  });

  it("reads quoted CSV cells across chunk and line boundaries, and counts bytes", async () => {
    const { rows, columns } = await readDataset(stream('a,b\n1,"x, ""y""\nz"\n2,\n'), "csv", 1_000);
    expect(columns).toEqual(["a", "b"]);
    expect(rows).toEqual([
      { a: 1, b: 'x, "y"\nz' },
      { a: 2, b: null },
    ]);
    await expect(readDataset(stream("a\n1\n2\n"), "csv", 4)).rejects.toMatchObject({ status: 413 });
  });

  it("turns tensor inputs and classifier outputs into named rows", () => {
    const input = { "x-feature-names": ["a", "b"], properties: { features: { items: { type: "array" } } } };
    expect(
      toRows(
        input,
        {
          features: [
            [1, 2],
            [3, 4],
          ],
        },
        "input",
      ),
    ).toEqual([
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
    const output = { "x-class-labels": ["no", "yes"], properties: { label: { items: { type: "integer" } } } };
    expect(
      toRows(
        output,
        {
          label: [1, 0],
          probabilities: [
            [0.2, 0.8],
            [0.9, 0.1],
          ],
        },
        "output",
      ),
    ).toEqual([
      { label: "yes", "probabilities.max": 0.8 },
      { label: "no", "probabilities.max": 0.9 },
    ]);
    expect(toRows({}, { age: 40, city: "Oslo" }, "input")).toEqual([{ age: 40, city: "Oslo" }]);
  });

  it("profiles numbers into quantile bins and checks values against them", () => {
    const [f] = profileRows(
      Array.from({ length: 100 }, (_, i) => ({ x: i })),
      "input",
    );
    expect(f.binCounts).toEqual(new Array(10).fill(10));
    expect(bucketsOf(f, 5)).toEqual(["n", "b0"]);
    expect(bucketsOf(f, 500)).toEqual(["n", "b9", "out_of_range"]);
    expect(bucketsOf(f, "5")).toEqual(["n", "type_mismatch"]);
    expect(bucketsOf(f, null)).toEqual(["n", "missing"]);
    const [c] = profileRows([{ k: "a" }, { k: "b" }], "input");
    expect(bucketsOf(c, "z")).toEqual(["n", "c:z", "new_category"]);
  });

  it("redacts named fields at any depth", () => {
    expect(redactFields({ name: "Ann", nested: [{ name: "Bo", age: 3 }] }, new Set(["name"]))).toEqual({
      name: "[redacted]",
      nested: [{ name: "[redacted]", age: 3 }],
    });
  });
});
