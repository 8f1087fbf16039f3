import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withSignInThrottle } from "@/lib/auth/credentials-callback";
import { authOptions } from "@/lib/auth/options";

// next-auth endpoints (sign-in, callback, session, sign-out) for credentials and OIDC; password sign-ins
// are throttled per account and per address (429 with Retry-After).
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await ctx.params;
  return withSignInThrottle(req, nextauth, () => NextAuth(req, { params: Promise.resolve({ nextauth }) }, authOptions()));
}

export { handler as GET, handler as POST };
