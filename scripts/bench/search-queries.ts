// The benchmark's 208 queries: words (common and rare), two-word queries, typos, prefixes, filters with
// and without words, and the plain catalog (no words, no filters) in every sort and on later pages — drawn
// with a seeded generator so every run times the same set.
import { DOMAIN_WORDS, FRAMEWORKS, KINDS, LICENSES, TASKS } from "./search-data";

export type BenchQuery = { kind: string; params: Record<string, string> };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function benchQueries(): BenchQuery[] {
  const r = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const word = () => pick([...DOMAIN_WORDS, ...KINDS]);
  const typo = (w: string) => {
    const i = 1 + Math.floor(r() * (w.length - 2));
    const kind = Math.floor(r() * 3);
    if (kind === 0) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swap
    if (kind === 1) return w.slice(0, i) + w.slice(i + 1); // drop
    return w.slice(0, i) + "x" + w.slice(i + 1); // substitute
  };
  const sorts = ["relevance", "most_used", "updated", "name"];
  const filter = (): Record<string, string> => {
    const f = Math.floor(r() * 8);
    if (f === 0) return { task: pick(TASKS) };
    if (f === 1) return { framework: pick(FRAMEWORKS) };
    if (f === 2) return { tag: pick(DOMAIN_WORDS) };
    if (f === 3) return { team: `team-${1 + Math.floor(r() * 40)}` };
    if (f === 4) return { license: pick(LICENSES) };
    if (f === 5) return { runtime: pick(["onnx", "http", "openai"]) };
    if (f === 6) return { visibility: pick(["public", "gated"]) };
    return { status: pick(["approved", "pending_review", "deprecated"]) };
  };
  const out: BenchQuery[] = [];
  for (let i = 0; i < 60; i++) out.push({ kind: "word", params: { q: word() } });
  for (let i = 0; i < 30; i++) out.push({ kind: "two words", params: { q: `${word()} ${word()}` } });
  for (let i = 0; i < 30; i++) out.push({ kind: "typo", params: { q: typo(pick(DOMAIN_WORDS.filter((w) => w.length >= 5))) } });
  for (let i = 0; i < 20; i++) {
    const w = pick(DOMAIN_WORDS.filter((x) => x.length >= 6));
    out.push({ kind: "prefix", params: { q: w.slice(0, 3 + Math.floor(r() * 3)) } });
  }
  for (let i = 0; i < 40; i++)
    out.push({ kind: "word + filters", params: { q: word(), ...filter(), ...(i % 3 === 0 ? filter() : {}), sort: pick(sorts) } });
  for (let i = 0; i < 20; i++)
    out.push({
      kind: "filters only",
      params: { ...filter(), ...(i % 2 === 0 ? filter() : {}), sort: pick(sorts.slice(1)), page: String(1 + Math.floor(r() * 5)) },
    });
  for (let i = 0; i < 8; i++) out.push({ kind: "browse", params: { sort: sorts[i % 4], page: String(1 + (i >> 2) * 4) } });
  return out;
}
