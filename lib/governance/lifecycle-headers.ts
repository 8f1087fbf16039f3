import { AppError } from "@/lib/http/errors";

// What the gateway tells callers about a version's lifecycle: RFC 9745 `Deprecation` (@unix-seconds),
// RFC 8594 `Sunset` (HTTP date) and a `Link` to the replacement; a retired version is 410 naming it.

type LifecycleFacts = { version: string; status: string; deprecatedAt: Date | null; sunsetAt: Date | null; replacementVersion: string | null; deprecationMessage?: string | null };

export function deprecationHeaders(v: LifecycleFacts, modelPath?: string): Record<string, string> {
  if (v.status !== "deprecated") return {};
  const headers: Record<string, string> = { Deprecation: `@${Math.floor((v.deprecatedAt ?? new Date()).getTime() / 1000)}` };
  if (v.sunsetAt) headers.Sunset = v.sunsetAt.toUTCString();
  if (v.replacementVersion && modelPath) headers.Link = `<${modelPath}/versions/${encodeURIComponent(v.replacementVersion)}/invoke>; rel="successor-version"`;
  return headers;
}

export function retiredVersionError(v: Pick<LifecycleFacts, "version" | "replacementVersion">): AppError {
  const hint = v.replacementVersion ? ` Use version ${v.replacementVersion} instead.` : "";
  return new AppError("version_retired", `Version ${v.version} has been retired.${hint}`, { details: { replacementVersion: v.replacementVersion } });
}
