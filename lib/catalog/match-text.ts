import "server-only";
import { db } from "@/lib/db";
import type { CatalogIndex } from "@/lib/catalog/catalog-index";

type Node = { op: "&" | "|"; left: Node; right: Node } | { lexeme: string; prefix: boolean };

/**
 * Parses PostgreSQL's normalised tsquery text (`'classifi':* & ( 'risk':* | 'rsk':* )`): quoted lexemes,
 * optional `:*`, `&`, `|` and parentheses — all that buildTsquery produces. Anything else (weights, `!`,
 * phrase operators) returns null and the caller asks the database instead.
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

// First index in the sorted lexemes that is >= value.
function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function evaluate(ix: CatalogIndex, node: Node): Uint8Array {
  if ("op" in node) {
    const a = evaluate(ix, node.left);
    const b = evaluate(ix, node.right);
    for (let r = 0; r < a.length; r++) a[r] = node.op === "&" ? a[r] & b[r] : a[r] | b[r];
    return a;
  }
  const hit = new Uint8Array(ix.size);
  const { lexemes, postings } = ix.text;
  const from = lowerBound(lexemes, node.lexeme);
  for (let k = from; k < lexemes.length && (node.prefix ? lexemes[k].startsWith(node.lexeme) : k === from && lexemes[k] === node.lexeme); k++) {
    for (const r of postings[k]) hit[r] = 1;
  }
  return hit;
}

/**
 * The index rows whose search document matches the full-text query, ascending. The database only
 * normalises the query (stemming, stop words: the same `english` configuration as the documents); the
 * lexemes are then looked up in the index's postings instead of reading every matching row's document.
 */
export async function matchText(ix: CatalogIndex, tsquery: string): Promise<Int32Array> {
  const [{ normalised }] = await db.$queryRaw<{ normalised: string }[]>`SELECT to_tsquery('english', ${tsquery})::text AS normalised`;
  if (normalised.trim() === "") return new Int32Array(0); // only stop words: PostgreSQL matches nothing either
  const tree = parseTsquery(normalised);
  if (tree) {
    const hit = evaluate(ix, tree);
    const out: number[] = [];
    for (let r = 0; r < hit.length; r++) if (hit[r]) out.push(r);
    return Int32Array.from(out);
  }
  const rows = await db.$queryRaw<{ ids: string[] | null }[]>`
    SELECT array_agg(id)::text[] AS ids FROM models WHERE "searchVector" @@ to_tsquery('english', ${tsquery})`;
  const out: number[] = [];
  for (const id of rows[0]?.ids ?? []) {
    const r = ix.rowOf.get(id);
    if (r !== undefined) out.push(r);
  }
  return Int32Array.from(out).sort();
}
