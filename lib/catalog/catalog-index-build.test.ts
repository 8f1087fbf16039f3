import { describe, expect, it } from "vitest";
import { buildIndex, patchIndex, textWords, withUsage, type CatalogIndex, type ModelRow, type Team } from "@/lib/catalog/catalog-index-build";
import { appendPostings, buildPostings, forEachPosting, type Postings } from "@/lib/catalog/postings";

// A seeded generator, so a failure reproduces.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const WORDS = ["iris", "flower", "sentiment", "fraud", "churn", "credit", "risk", "image", "speech", "forecast", "demand", "price"];
const teams: Team[] = [{ id: "t-a", slug: "a", name: "Team A" }, { id: "t-b", slug: "b", name: "Team B" }];

function row(r: () => number, id: string): ModelRow {
  const pick = <T>(l: readonly T[]) => l[Math.floor(r() * l.length)];
  const w1 = pick(WORDS);
  const w2 = pick(WORDS);
  const name = `${w1}-${w2}-${id}`;
  return {
    id, teamId: pick(teams).id, task: pick(["regression", "translation", "object-detection"]), framework: pick(["onnx", "pytorch"]),
    license: pick(["MIT", null]), visibility: pick(["public", "gated"]), tags: [w1, pick(WORDS)], runtimes: [pick(["onnx", "http"])],
    statuses: [pick(["approved", "draft", "pending_review"])], name, title: `${w1} ${w2} ${id}`, middle: `scores ${w2} for ${pick(WORDS)}`,
    updated: new Date(1_700_000_000_000 + Math.floor(r() * 1000) * 60_000), calls: Math.floor(r() * 5) * 10,
    lexemes: [w1, w2, pick(WORDS), id].join("\u001f"), card: JSON.stringify({ name }),
  };
}

// Everything a search can observe, by model id: the orders, every posting, every column value.
function observe(ix: CatalogIndex) {
  const alive = (s: number) => s < ix.size && ix.alive[s] === 1;
  const ids = (order: Int32Array) => Array.from(order, (s) => ix.ids[s]);
  const postings = (p: Postings, keys: string[]) =>
    Object.fromEntries(keys.map((k) => {
      const found: string[] = [];
      forEachPosting(p, k, true, (s) => alive(s) && found.push(ix.ids[s]));
      return [k, found.sort()];
    }));
  const columns: Record<string, unknown> = {};
  for (let s = 0; s < ix.size; s++) {
    if (!alive(s)) continue;
    const tags = Array.from(ix.tagCodes.subarray(ix.cols.tagStart[s], ix.cols.tagEnd[s]), (c) => ix.dict.tag.values[c]);
    columns[ix.ids[s]] = {
      task: ix.dict.task.values[ix.cols.task[s]], team: ix.teams.slugs[ix.cols.team[s]], license: ix.dict.license.values[ix.cols.license[s]] ?? null,
      visibility: ix.dict.visibility.values[ix.cols.visibility[s]], statuses: ix.cols.statuses[s], runtimes: ix.cols.runtimes[s], tags,
      calls: ix.calls30d[s], card: ix.cards[s], exact: [...ix.exact.entries()].filter(([, slots]) => slots.includes(s)).map(([k]) => k).sort(),
    };
  }
  const keys = [...WORDS, "i", "s", "f", "m1", "m2", "new"];
  return {
    name: ids(ix.order.name), updated: ids(ix.order.updated), mostUsed: ids(ix.order.most_used),
    text: postings(ix.text, keys), nameWords: postings(ix.nameWords, keys), middleWords: postings(ix.middleWords, keys),
    columns, vocabulary: ix.vocabulary, teams: ix.teams.slugs.filter(Boolean),
  };
}

describe("patchIndex", () => {
  it("gives exactly what a fresh build of the same rows gives, and leaves the previous snapshot as it was", () => {
    const r = rng(11);
    let rows = Array.from({ length: 300 }, (_, i) => row(r, `m${i}`));
    const version = (g: number) => ({ generation: String(g), usageAt: "" });
    let ix = buildIndex(version(1), rows, teams, ["iris", "flower"]);
    for (let round = 2; round < 40; round++) {
      const before = ix;
      const seen = observe(before);
      const changed = new Set<string>();
      // Edits (a new row under the same id), deletions and new models.
      for (let k = 0; k < 1 + Math.floor(r() * 6); k++) {
        const i = Math.floor(r() * rows.length);
        const what = r();
        changed.add(what < 0.7 ? rows[i].id : `n${round}-${k}`);
        if (what < 0.5) rows[i] = { ...row(r, rows[i].id), middle: `new ${rows[i].middle}` };
        else if (what < 0.7) rows = rows.filter((_, j) => j !== i);
        else rows.push(row(r, `n${round}-${k}`));
      }
      const terms = round % 5 === 0 ? [`word${round}`] : [];
      ix = patchIndex(before, version(round), { changedIds: [...changed], rows: rows.filter((x) => changed.has(x.id)), teams, newTerms: terms });
      expect(observe(before)).toEqual(seen);
      const fresh = buildIndex(version(round), rows, teams, ix.vocabulary);
      expect(observe(ix)).toEqual(observe(fresh));
    }
    expect(ix.dead).toBeGreaterThan(0);
    expect(ix.vocabulary).toContain("word35");
  });

  it("re-sorts most used when the 30-day figures change", () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(rng(i + 1), `u${i}`));
    const ix = withUsage(buildIndex({ generation: "1", usageAt: "" }, rows, teams, []), "later", new Map([["u7", 999], ["u3", 500]]));
    expect(Array.from(ix.order.most_used.subarray(0, 2), (s) => ix.ids[s])).toEqual(["u7", "u3"]);
    expect(ix.usageAt).toBe("later");
  });
});

describe("postings", () => {
  it("keeps new keys in an overflow, finds prefixes across both, and merges the overflow once it grows", () => {
    let p = buildPostings(new Map([["apple", [0, 3]], ["banana", [1]]]));
    p = appendPostings(p, new Map([["apricot", [5]], ["apple", [6]]]));
    const find = (key: string, prefix = true) => {
      const out: number[] = [];
      forEachPosting(p, key, prefix, (s) => out.push(s));
      return out.sort((a, b) => a - b);
    };
    expect(find("ap")).toEqual([0, 3, 5, 6]);
    expect(find("apple", false)).toEqual([0, 3, 6]);
    expect(p.extraKeys).toEqual(["apricot"]);
    p = appendPostings(p, new Map(Array.from({ length: 2100 }, (_, i) => [`k${String(i).padStart(4, "0")}`, [10 + i]])));
    expect(p.extraKeys).toEqual([]);
    expect(find("k000")).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(find("ap")).toEqual([0, 3, 5, 6]);
  });

  it("splits words where relevance's word-start rule does", () => {
    expect(textWords("iris-classifier v2 my_model résumé")).toEqual(["iris", "classifier", "v2", "my_model", "résumé"]);
  });
});
