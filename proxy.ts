import { NextResponse, type NextRequest } from "next/server";

// Next 16 "proxy" (formerly middleware): passes the requested path to server components, so a protected
// page can send an anonymous visitor to sign-in and bring them back afterwards. Authorization itself is
// checked on the server by every page and route (lib/auth/require-user.ts, lib/http/handler.ts).
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-modelport-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|_next/|favicon.ico).*)"] };
