import { AppError } from "@/lib/server/errors";

// PostgreSQL cannot store U+0000 in text or jsonb, and a lone UTF-16 surrogate is not valid Unicode (jsonb
// refuses its escape; text would silently get U+FFFD). Such text is refused where requests enter the portal
// — JSON bodies (readJson), multipart fields, route parameters and query strings (defineRoute) — with a 400
// that names the field, instead of a 500 from the database later. JSON nesting is bounded there too: the
// parser is iterative, but JSON.stringify, schema validation and the database recurse.

/** Deepest JSON nesting accepted in a request body (objects and arrays count one level each). */
export const MAX_JSON_DEPTH = 64;

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why this text cannot be stored, or null when it can. */
export function unstorableText(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === "\u0000" ? "contains a NUL character (\\u0000)" : "contains an unpaired UTF-16 surrogate (invalid Unicode)";
}

function refuse(where: string, reason: string): never {
  throw new AppError("bad_request", `${where} ${reason}, which cannot be accepted.`, { details: { field: where } });
}

/** Throws 400 unless `text` can be stored; `where` names it in the message (e.g. "The query parameter q"). */
export function assertStorableText(text: string, where: string): string {
  const reason = unstorableText(text);
  if (reason) refuse(where, reason);
  return text;
}

/**
 * Walks a parsed JSON value without recursion and throws 400 when it nests deeper than `maxDepth` or (with
 * `text`, the default) when a string or key cannot be stored. Returns the value, so a reader can pass its
 * result through: `return safeJson(JSON.parse(text))`.
 */
export function safeJson<T>(value: T, options: { maxDepth?: number; text?: boolean; where?: string } = {}): T {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const checkText = options.text ?? true;
  const root = options.where ?? "body";
  const stack: [unknown, number, string][] = [[value, 0, root]];
  while (stack.length) {
    const [node, depth, path] = stack.pop()!;
    if (typeof node === "string") {
      if (checkText) {
        const reason = unstorableText(node);
        if (reason) refuse(`The field ${path}`, reason);
      }
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth) {
      throw new AppError("bad_request", `The JSON ${root} is nested more than ${maxDepth} levels deep.`, { details: { maxDepth } });
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push([node[i], depth + 1, `${path}[${i}]`]);
    } else {
      for (const [key, child] of Object.entries(node)) {
        if (checkText) {
          const reason = unstorableText(key);
          if (reason) refuse(`A key in ${path}`, reason);
        }
        stack.push([child, depth + 1, `${path}.${key}`]);
      }
    }
  }
  return value;
}

/** Route parameters and query values: 400 when any cannot be stored (e.g. `%00` in the path). */
export function assertStorableRequestText(
  params: Record<string, string | string[] | undefined> | undefined,
  search: URLSearchParams,
): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) assertStorableText(v, `The path segment {${name}}`);
  }
  for (const [name, value] of search) {
    assertStorableText(name, "A query parameter name");
    assertStorableText(value, `The query parameter ${name}`);
  }
}
