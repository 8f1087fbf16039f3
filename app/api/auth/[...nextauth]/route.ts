import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withSignInThrottle } from "@/lib/auth/credentials-callback";
import { authOptions } from "@/lib/auth/options";
import { withLiveSession } from "@/lib/auth/session-endpoint";

// next-auth endpoints (sign-in, callback, session, sign-out) for credentials and OIDC; password sign-ins
// are throttled per account and per address (429 with Retry-After), and an ended session is no session.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await ctx.params;
  const run = () => NextAuth(req, { params: Promise.resolve({ nextauth }) }, authOptions());
  return withSignInThrottle(req, nextauth, () => withLiveSession(req, nextauth, run));
}

export { handler as GET, handler as POST };
