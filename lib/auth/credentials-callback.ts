import "server-only";
import type { NextRequest } from "next/server";
import { signInLockOf, type SignInLock } from "@/lib/auth/sign-in-throttle";
import { clientIp } from "@/lib/http/client-ip";
import { JSON_CONTENT_TYPE } from "@/lib/http/respond";
import { newRequestId } from "@/lib/server/request-id";

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * 429 with Retry-After for a locked sign-in. The body also carries next-auth's `url` (with
 * `error=TooManyAttempts`), so next-auth's own client and a page without JavaScript both understand it.
 */
function tooManyAttempts(req: NextRequest, lock: SignInLock): Response {
  const requestId = newRequestId();
  const base = process.env.NEXTAUTH_URL ?? req.nextUrl.origin;
  const message =
    lock.scope === "account"
      ? `Too many failed sign-ins for this account. Try again in ${waitText(lock.retryAfterS)}.`
      : `Too many failed sign-ins from your network. Try again in ${waitText(lock.retryAfterS)}.`;
  return new Response(
    JSON.stringify({ url: new URL("/signin?error=TooManyAttempts", base).toString(), error: { code: "rate_limited", message, requestId } }),
    {
      status: 429,
      headers: {
        "content-type": JSON_CONTENT_TYPE,
        "retry-after": String(lock.retryAfterS),
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    },
  );
}

/** Did next-auth answer this credentials sign-in with an error (JSON `url` or a redirect carrying `error=`)? */
async function signInFailed(res: Response): Promise<boolean> {
  const location = res.headers.get("location");
  if (location) return /[?&]error=/.test(location);
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === "string" && /[?&]error=/.test(body.url);
}

/**
 * Sign-in throttling around next-auth's credentials callback (`POST /api/auth/callback/credentials`): a
 * locked account or address is answered 429 before the password is looked at, and the failure that starts
 * a lock is answered 429 at once. Everything else goes to next-auth untouched.
 */
export async function withSignInThrottle(req: NextRequest, segments: string[], run: () => Promise<Response>): Promise<Response> {
  if (req.method !== "POST" || segments.join("/") !== "callback/credentials") return run();
  const form = new URLSearchParams(
    await req
      .clone()
      .text()
      .catch(() => ""),
  );
  const who = { email: (form.get("email") ?? "").slice(0, 320), ip: clientIp(req.headers) };
  const before = await signInLockOf(who);
  if (before) return tooManyAttempts(req, before);
  const res = await run();
  if (!(await signInFailed(res))) return res;
  const after = await signInLockOf(who);
  return after ? tooManyAttempts(req, after) : res;
}
