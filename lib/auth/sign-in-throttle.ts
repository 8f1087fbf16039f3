import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { pool } from "@/lib/server/db";

// Password sign-in throttling, per account and per client address: a few free failures, then a lock that
// doubles with each further failure (30 s, 1 min, 2 min, … up to 15 min). Counters live in PostgreSQL
// (auth_throttle, rate-limiter-flexible's store), so every portal node sees the same failures and locks.

const FIRST_LOCK_S = 30;
const MAX_LOCK_S = 15 * 60;
export const THROTTLE = {
  /** Failures of one account (a day's window) before it is locked. */
  account: { free: 5, windowS: 24 * 3600 },
  /** Failures from one address (an hour's window), across accounts, before it is locked. */
  ip: { free: 20, windowS: 3600 },
} as const;

export type ThrottleScope = keyof typeof THROTTLE;
export type SignInLock = { scope: ThrottleScope; retryAfterS: number };

type Limiters = { failures: Record<ThrottleScope, RateLimiterPostgres>; locks: RateLimiterPostgres };
let limiters: Limiters | undefined;

function store(keyPrefix: string, points: number, duration: number) {
  // The table comes from the migrations (the portal's database role may not create tables).
  return new RateLimiterPostgres({ storeClient: pool(), tableName: "auth_throttle", tableCreated: true, keyPrefix, points, duration });
}

function get(): Limiters {
  limiters ??= {
    failures: {
      account: store("signin_fail_account", 1_000_000, THROTTLE.account.windowS),
      ip: store("signin_fail_ip", 1_000_000, THROTTLE.ip.windowS),
    },
    locks: store("signin_lock", 1, MAX_LOCK_S),
  };
  return limiters;
}

/** Throttle keys: the account by a hash of its email (no addresses in the table), the client by its IP. */
function keysOf(who: { email: string; ip: string | null }): [ThrottleScope, string][] {
  const account = createHash("sha256").update(who.email.trim().toLowerCase()).digest("hex");
  return [
    ["account", `account:${account}`],
    ["ip", `ip:${who.ip ?? "unknown"}`],
  ];
}

/** The lock in force for this account or address (the longer one), or null. */
export async function signInLockOf(who: { email: string; ip: string | null }): Promise<SignInLock | null> {
  let lock: SignInLock | null = null;
  for (const [scope, key] of keysOf(who)) {
    const res = await get().locks.get(key);
    if (res && res.consumedPoints > 1 && res.msBeforeNext > 0) {
      const retryAfterS = Math.ceil(res.msBeforeNext / 1000);
      if (!lock || retryAfterS > lock.retryAfterS) lock = { scope, retryAfterS };
    }
  }
  return lock;
}

/**
 * Counts a failed sign-in against the account and the address; returns the locks it started (each one
 * longer than the last), for the audit trail.
 */
export async function recordSignInFailure(who: { email: string; ip: string | null }): Promise<(SignInLock & { failures: number })[]> {
  const started: (SignInLock & { failures: number })[] = [];
  for (const [scope, key] of keysOf(who)) {
    const { consumedPoints: failures } = await get().failures[scope].consume(key);
    const over = failures - THROTTLE[scope].free;
    if (over < 0) continue;
    const retryAfterS = Math.min(FIRST_LOCK_S * 2 ** Math.min(over, 16), MAX_LOCK_S);
    await get().locks.block(key, retryAfterS);
    started.push({ scope, retryAfterS, failures });
  }
  return started;
}

/** A successful sign-in clears the account's failures (not the address's: it may be guessing others). */
export async function recordSignInSuccess(who: { email: string; ip: string | null }): Promise<void> {
  const [[, account]] = keysOf(who);
  await get().failures.account.delete(account);
}
