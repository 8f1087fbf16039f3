import { NextResponse, type NextRequest } from "next/server";
import { apiSecurityHeaders, newNonce, pageSecurityHeaders } from "@/lib/http/security-headers";

// Next 16 "proxy" (formerly middleware), in front of every page and route:
// - security headers on every answer; pages get a Content-Security-Policy with a fresh nonce, which Next
//   reads from the request's policy header and puts on its own scripts (pages are rendered per request);
// - passes the requested path to server components, so a protected page can send an anonymous visitor to
//   sign-in and bring them back afterwards. Authorization itself is checked on the server by every page and
//   route (lib/auth/require-user.ts, lib/http/handler.ts).
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/api/")) {
    const res = NextResponse.next();
    for (const [name, value] of Object.entries(apiSecurityHeaders())) res.headers.set(name, value);
    return res;
  }
  const security = pageSecurityHeaders(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(req.headers);
  headers.set("x-modelport-path", req.nextUrl.pathname + req.nextUrl.search);
  headers.set("content-security-policy", security["content-security-policy"]);
  const res = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) res.headers.set(name, value);
  return res;
}

// Everything but Next's own files and channels (content-hashed scripts, styles and fonts; images; the
// development server's live-reload socket, which a proxied answer would break).
export const config = { matcher: ["/((?!_next/).*)"] };
