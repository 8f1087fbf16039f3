import "server-only";
import { catalogSql } from "@/lib/catalog/catalog-sql";
import type { CatalogIndex } from "@/lib/catalog/catalog-index";
import { forEachPosting, type Postings } from "@/lib/catalog/postings";
import { scratchUint8 } from "@/lib/catalog/scratch";

type Node = { op: "&" | "|"; left: Node; right: Node } | { lexeme: string; prefix: boolean };

/**
 * Parses PostgreSQL's normalised tsquery text (`'classifi':* & ( 'risk':* | 'rsk':* )`): quoted lexemes,
 * optional `:*`, `&`, `|` and parentheses — all that buildTsquery produces. Anything else (weights, `!`,
 * phrase operators) returns null.
 */
export function parseTsquery(text: string): Node | null {
  let i = 0;
  const space = () => {
    while (text[i] === " ") i++;
  };
  const term = (): Node | null => {
    space();
    if (text[i] === "(") {
      i++;
      const inner = expr();
      space();
      if (!inner || text[i] !== ")") return null;
      i++;
      return inner;
    }
    if (text[i] !== "'") return null;
    let lexeme = "";
    for (i++; i < text.length; i++) {
      if (text[i] === "'" && text[i + 1] === "'") lexeme += text[i++];
      else if (text[i] === "'") break;
      else lexeme += text[i];
    }
    if (text[i++] !== "'") return null;
    let prefix = false;
    if (text[i] === ":") {
      if (text[i + 1] !== "*" || /[A-Za-z*]/.test(text[i + 2] ?? "")) return null;
      prefix = true;
      i += 2;
    }
    return { lexeme, prefix };
  };
  const chain = (op: "&" | "|", next: () => Node | null): Node | null => {
    let left = next();
    for (space(); left && text[i] === op; space()) {
      i++;
      const right = next();
      if (!right) return null;
      left = { op, left, right };
    }
    return left;
  };
  const conjunction = () => chain("&", term);
  const expr = (): Node | null => chain("|", conjunction);
  const tree = expr();
  space();
  return tree && i === text.length ? tree : null;
}

/** One word group of a query: its alternatives (the word and its corrections), each searched as a prefix. */
export type KeyGroup = string[];

/**
 * The slots that list, for every group, at least one key starting with one of the group's alternatives:
 * AND over groups of OR over prefixes, by counting each slot once per group. Ascending.
 */
export function matchGroups(p: Postings, groups: KeyGroup[], size: number): Int32Array {
  if (groups.length === 0) return new Int32Array(0);
  const hits = scratchUint8("match.hits", size);
  const stamp = scratchUint8("match.stamp", size);
  groups.forEach((alternatives, g) => {
    const mark = g + 1;
    for (const key of alternatives) {
      forEachPosting(p, key, true, (s) => {
        if (stamp[s] !== mark) {
          stamp[s] = mark;
          hits[s]++;
        }
      });
    }
  });
  const n = groups.length;
  let count = 0;
  for (let s = 0; s < size; s++) if (hits[s] === n) count++;
  const out = new Int32Array(count);
  for (let s = 0, o = 0; s < size; s++) if (hits[s] === n) out[o++] = s;
  return out;
}

/**
 * The slots whose search document matches: each term's normalisation (PostgreSQL's to_tsquery of `term:*`,
 * '' for a stop word) looked up in the index's lexeme postings. A group whose terms are all stop words is
 * dropped, as to_tsquery drops it; null when a normalisation is not a single prefix lexeme (the caller
 * then asks the database).
 */
export function matchNormalised(ix: CatalogIndex, groups: string[][], normalisedOf: (term: string) => string): Int32Array | null {
  const keys: KeyGroup[] = [];
  for (const group of groups) {
    const lexemes = new Set<string>();
    for (const term of group) {
      const text = normalisedOf(term);
      if (text.trim() === "") continue;
      const node = parseTsquery(text);
      if (!node || "op" in node || !node.prefix) return null;
      lexemes.add(node.lexeme);
    }
    if (lexemes.size > 0) keys.push([...lexemes]);
  }
  return matchGroups(ix.text, keys, ix.size);
}

/**
 * The index slots whose search document matches a full-text query, asked of the database (the general
 * path, for normalisations matchNormalised does not handle). Ascending.
 */
export async function matchTextInDatabase(ix: CatalogIndex, tsquery: string): Promise<Int32Array> {
  const { rows } = await catalogSql().query<{ ids: string[] | null }>(
    `SELECT array_agg(id)::text[] AS ids FROM models WHERE "searchVector" @@ to_tsquery('english', $1)`,
    [tsquery],
  );
  const out: number[] = [];
  for (const id of rows[0]?.ids ?? []) {
    const r = ix.rowOf.get(id);
    if (r !== undefined && r < ix.size) out.push(r);
  }
  return Int32Array.from(out).sort();
}
