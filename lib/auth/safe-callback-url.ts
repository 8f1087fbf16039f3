// Where to send a person after sign-in. Only paths on the portal's own origin: browsers read `/\evil.example`
// (and `//evil.example`, `/\t/evil.example`) as another host, so the target is resolved the way a browser
// would and kept only if it stays on this origin.

const PLACEHOLDER_ORIGIN = "http://modelport.invalid";

/** The same-origin path (with query and fragment) of `target`, or "/" when it would leave `origin`. */
export function safeCallbackPath(target: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  if (!target) return "/";
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
