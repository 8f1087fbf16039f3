import { HTTPSnippet, type HarRequest } from "@readme/httpsnippet";
import type { TargetId } from "@readme/httpsnippet/targets";
import { KEY_SLOT } from "@/lib/snippets/key-slot";
import { KEY_MARKER, LANGUAGES } from "@/lib/snippets/languages";
import type { Snippet } from "@/lib/snippets/schemas";

export { KEY_SLOT };

export type SnippetWithTemplate = Snippet & {
  /** The same request with the key written literally at KEY_SLOT (filled in the browser only). */
  template: string;
};

export type SnippetRequest = {
  baseUrl: string;
  /** "owner/name" */
  model: string;
  form: "pinned" | "range";
  /** Exact version for the pinned form, a semver range for the range form. */
  version: string;
  body: unknown;
  /** Only these targets (language keys); all when omitted. */
  targets?: string[];
};

export function invokeUrl(req: Pick<SnippetRequest, "baseUrl" | "model" | "form" | "version">): string {
  const base = req.baseUrl.replace(/\/+$/, "");
  const [owner, name] = req.model.split("/").map(encodeURIComponent);
  return req.form === "pinned"
    ? `${base}/api/v1/models/${owner}/${name}/versions/${encodeURIComponent(req.version)}/invoke`
    : `${base}/api/v1/models/${owner}/${name}/invoke?version=${encodeURIComponent(req.version)}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A quoted string (any of ' " `) that ends with "Bearer <marker>", e.g. 'Authorization: Bearer <marker>'.
const KEY_LITERAL = new RegExp(`(["'\`])([^"'\`\\n]*?)Bearer ${escapeRegExp(KEY_MARKER)}\\1`, "g");

/** Client snippets for one invoke request, generated with @readme/httpsnippet. */
export function buildSnippets(req: SnippetRequest): SnippetWithTemplate[] {
  const url = invokeUrl(req);
  const body = JSON.stringify(req.body ?? {});
  const har: HarRequest = {
    method: "POST",
    url,
    httpVersion: "HTTP/1.1",
    cookies: [],
    queryString: [],
    headersSize: -1,
    bodySize: -1,
    headers: [
      { name: "Authorization", value: `Bearer ${KEY_MARKER}` },
      { name: "Content-Type", value: "application/json" },
    ],
    postData: { mimeType: "application/json", text: body },
  };
  const snippet = new HTTPSnippet(har);
  const languages = req.targets?.length ? LANGUAGES.filter((l) => req.targets!.includes(l.target)) : LANGUAGES;
  return languages.map((lang) => {
    const converted = snippet.convert(lang.target as TargetId, lang.client);
    const raw = Array.isArray(converted) ? converted[0] : converted;
    if (typeof raw !== "string" || !raw.includes(KEY_MARKER))
      throw new Error(`httpsnippet produced no ${lang.target}/${lang.client} snippet`);
    const finish = (code: string) => (lang.finish ? lang.finish(code, body) : code);
    let code = raw.replace(KEY_LITERAL, (_m, quote: string, before: string) => lang.keyFromEnv(quote, before));
    if (code.includes(KEY_MARKER)) throw new Error(`the ${lang.target} snippet kept a literal key placeholder`);
    if (lang.envFixup) code = lang.envFixup(code);
    return {
      target: lang.target,
      client: lang.client,
      label: lang.label,
      form: req.form,
      version: req.version,
      code: finish(code),
      template: finish(raw.replaceAll(KEY_MARKER, KEY_SLOT)),
    };
  });
}

/** The range form that keeps receiving compatible updates of an exact version (^major, or ^0.minor). */
export function compatibleRange(version: string): string {
  const [major, minor] = version.split(".");
  return major === "0" ? `^0.${minor ?? "0"}` : `^${major}`;
}
