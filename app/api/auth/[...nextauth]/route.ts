import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

// next-auth endpoints (sign-in, callback, session, sign-out) for credentials and OIDC.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, ctx, authOptions());
}

export { handler as GET, handler as POST };
