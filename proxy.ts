import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Next 16 "proxy" (formerly middleware), in front of every page:
// - security headers, with a Content-Security-Policy carrying a fresh nonce, which Next reads from the
//   request's policy header and puts on its own scripts (pages are rendered per request);
// - passes the requested path to server components, so a protected page can send an anonymous visitor to
//   sign-in and bring them back afterwards. Authorization itself is checked on the server by every page and
//   route (lib/auth/require-user.ts, lib/http/define-route.ts).
// Not in front of /api: Next buffers the body of every request a proxy sees (cut at 10 MB), which would
// break uploads and streamed size limits. API answers get their headers from the gateway door (gateway/).
export function proxy(req: NextRequest) {
  const security = pageSecurityHeaders(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(req.headers);
  headers.set("x-modelport-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("content-security-policy", security["content-security-policy"]);
  const res = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) res.headers.set(name, value);
  return res;
}

// Pages only: not /api, /mcp and the OpenAI-compatible /v1 (see above; their answers stream) nor Next's own files and channels
// (content-hashed scripts, styles and fonts; images; the development server's live-reload socket, which a proxied answer would break).
export const config = { matcher: ["/((?!api/|v1/|oip/|_next/|mcp(?:/|$)|metrics$).*)"] };
