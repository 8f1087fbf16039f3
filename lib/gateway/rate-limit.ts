import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import type { Caller } from "@/lib/auth/principal";
import { pool } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

// In-memory limiters (the default) are exact for one node and cost nothing on the hot path. With several
// nodes, MODELPORT_RATE_LIMIT_STORE=postgres keeps the counters in gateway_rate_limits (made by a migration:
// the portal's role creates no tables), one upsert per policy per call, shared by every node. Redis is not
// offered (docs/decisions.md, "Rate limits across nodes").
const limits = z
  .object({
    MODELPORT_RATE_LIMIT_STORE: z.enum(["memory", "postgres"]).default("memory"),
    MODELPORT_RATE_LIMIT_KEY: z.coerce.number().int().min(1).default(600),
    MODELPORT_RATE_LIMIT_APP: z.coerce.number().int().min(1).default(3000),
    MODELPORT_RATE_LIMIT_USER: z.coerce.number().int().min(1).default(120),
    MODELPORT_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).default(60),
  })
  .parse(process.env);

type Policy = { name: string; limiter: RateLimiterMemory | RateLimiterPostgres; quota: number };

function makePolicy(name: string, quota: number): Policy {
  const options = { points: quota, duration: limits.MODELPORT_RATE_LIMIT_WINDOW_S, keyPrefix: name };
  const limiter =
    limits.MODELPORT_RATE_LIMIT_STORE === "postgres"
      ? new RateLimiterPostgres({ ...options, storeClient: pool(), tableName: "gateway_rate_limits", tableCreated: true })
      : new RateLimiterMemory(options);
  return { name, quota, limiter };
}

// Made on first use: the postgres store needs the process's pool, which importing this module must not open.
let made: Record<"key" | "app" | "user", Policy> | undefined;
const policies = () =>
  (made ??= {
    key: makePolicy("key", limits.MODELPORT_RATE_LIMIT_KEY),
    app: makePolicy("app", limits.MODELPORT_RATE_LIMIT_APP),
    user: makePolicy("user", limits.MODELPORT_RATE_LIMIT_USER),
  });

/**
 * Takes one call from the caller's quotas (per key and per app, or per user for the console). Returns the
 * RateLimit-Policy / RateLimit headers (draft-ietf-httpapi-ratelimit-headers); throws 429 with Retry-After.
 */
export async function consumeRateLimit(caller: Caller): Promise<Record<string, string>> {
  if (caller.kind === "key") return consumeKeyRateLimit(caller.key);
  return caller.kind === "user" ? consume([[policies().user, caller.user.id]]) : {};
}

/**
 * Takes one call from a key's and its app's quotas. Every call a valid key makes counts, on any route and
 * before any authorisation: a key that is refused 403 a thousand times is throttled like one that is served.
 */
export function consumeKeyRateLimit(key: { keyId: string; appId: string }): Promise<Record<string, string>> {
  return consume([
    [policies().key, key.keyId],
    [policies().app, key.appId],
  ]);
}

async function consume(checks: [Policy, string][]): Promise<Record<string, string>> {
  const w = limits.MODELPORT_RATE_LIMIT_WINDOW_S;
  const policy = checks.map(([pol]) => `"${pol.name}";q=${pol.quota};w=${w}`).join(", ");
  let tightest: { name: string; remaining: number; resetS: number } | null = null;
  for (const [pol, id] of checks) {
    try {
      const res = await pol.limiter.consume(id);
      const resetS = Math.ceil(res.msBeforeNext / 1000);
      if (!tightest || res.remainingPoints < tightest.remaining) tightest = { name: pol.name, remaining: res.remainingPoints, resetS };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retry = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError("rate_limited", `Too many calls for this ${pol.name}: at most ${pol.quota} per ${w} s. Retry in ${retry} s.`, {
        headers: { "retry-after": String(retry), "ratelimit-policy": policy, ratelimit: `"${pol.name}";r=0;t=${retry}` },
      });
    }
  }
  return tightest ? { "ratelimit-policy": policy, ratelimit: `"${tightest.name}";r=${tightest.remaining};t=${tightest.resetS}` } : {};
}
