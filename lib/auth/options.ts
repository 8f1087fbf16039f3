import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { env, oidcConfigured } from "@/lib/server/env";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { upsertOidcUser } from "@/lib/auth/upsert-oidc-user";
import { findUserByEmail } from "@/lib/auth/find-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { auditOidcSignIn } from "@/lib/auth/audit-sign-in";
import { endSession, openSession } from "@/lib/auth/sessions";
import { clientIp } from "@/lib/http/client-ip";

/** The error the credentials provider reports while the account or address is locked. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

const credentialsSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    // Many providers (Entra ID by default, oidc-provider) put email/name only in userinfo, not the ID token.
    async profile(idClaims, tokens) {
      const claims =
        idClaims.email || !tokens.access_token
          ? idClaims
          : { ...idClaims, ...(await fetchUserinfo(tokens.access_token)), sub: idClaims.sub };
      const email = claims.email ?? null;
      return { id: idClaims.sub, email, name: claims.name ?? claims.preferred_username ?? email ?? idClaims.sub };
    },
  };
}

/** The provider's userinfo answer for an access token (endpoint from the discovery document). */
async function fetchUserinfo(accessToken: string): Promise<OidcProfile> {
  const issuer = env().OIDC_ISSUER!.replace(/\/$/, "");
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint?: string };
  if (!discovery.userinfo_endpoint) return { sub: "" };
  const res = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
  return res.ok ? ((await res.json()) as OidcProfile) : { sub: "" };
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration, built on first use from the validated environment. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  cached = {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const headers = req.headers ?? {};
          const ip = clientIp({ get: (name) => (typeof headers[name] === "string" ? (headers[name] as string) : null) });
          const result = await authenticatePassword(parsed.data.email, parsed.data.password, { ip });
          if (result.ok) return result.user;
          // The sign-in route turns this into 429 with Retry-After (lib/auth/credentials-callback.ts).
          if (result.lock) throw new Error(TOO_MANY_ATTEMPTS);
          return null;
        },
      }),
      ...(oidcConfigured(e) ? [oidcProvider()] : []),
    ],
    events: {
      // Sign-out ends the session row the cookie names, so a copy of the cookie stops working at once.
      async signOut({ token }) {
        await endSession(token?.sid, "sign_out");
      },
    },
    callbacks: {
      // After sign-in and sign-out: only somewhere on this portal (next-auth's default lets `/\evil.example` through).
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = user.email ?? (profile as OidcProfile | undefined)?.email;
        if (!email) return "/signin?error=OidcNoEmail";
        const local = await upsertOidcUser({
          email,
          name: user.name ?? email,
          externalId: account.providerAccountId,
          defaultRole: e.OIDC_DEFAULT_ROLE,
        });
        await auditOidcSignIn(email, local);
        return local ? true : "/signin?error=AccessDenied";
      },
      async jwt({ token, user }) {
        // On sign-in, pin the token to our own user id (OIDC's `user.id` is the provider's subject) and to a
        // new session row, which sign-out and the other session ends revoke (lib/auth/sessions.ts).
        if (user?.email) {
          const local = await findUserByEmail(user.email);
          if (local) {
            token.uid = local.id;
            token.sid = await openSession(local.id);
          }
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
  return cached;
}

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The user_sessions row this cookie belongs to. */
    sid?: string;
  }
}
