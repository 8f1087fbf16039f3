import { AppError } from "@/lib/server/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins the portal is served from: its public URL, and the host the request was sent to. */
function portalOrigins(headers: Headers): string[] {
  const origins: string[] = [];
  const publicUrl = process.env.NEXTAUTH_URL;
  if (publicUrl) {
    try {
      origins.push(new URL(publicUrl).origin);
    } catch {
      // an invalid NEXTAUTH_URL is reported where it is used; here it only matches nothing
    }
  }
  const host = headers.get("host");
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}

/**
 * CSRF defence for calls authenticated by the session cookie: a state-changing request must come from the
 * portal's own pages. Browsers mark every request with `Sec-Fetch-Site` and every cross-origin POST/PUT/
 * PATCH/DELETE with `Origin`; neither can be set by a page's script, so a form or fetch on another site is
 * refused here whatever its content type. Requests with neither header come from non-browser clients,
 * which hold the cookie themselves and cannot be tricked into sending it (docs/decisions.md).
 */
export function checkSameOrigin(req: { method: string; headers: Headers }): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = req.headers.get("origin");
  if (site && site !== "none") throw refused(origin ?? site);
  if (origin === null) return;
  if (!portalOrigins(req.headers).includes(origin)) throw refused(origin);
}

function refused(from: string) {
  return new AppError(
    "cross_site_request",
    `Refused a cross-site request (from ${from.slice(0, 100)}) made with your session: change things from the portal's own pages, or call the API with an API key.`,
  );
}
