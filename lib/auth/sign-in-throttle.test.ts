// Password sign-in throttling (issue 13 Medium): per account and per client address, a few free failures,
// then locks that grow with every further failure; a locked account is refused even with the right
// password; every outcome is audited. Counters live in PostgreSQL, so two portal nodes share them.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { hashPassword } from "@/lib/auth/password";
import { signInLockOf, THROTTLE } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/server/db";

const PASSWORD = "right-password";
const hash = await hashPassword(PASSWORD);
const uid = () => randomBytes(5).toString("hex");
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${uid()}`; // unique per test: no shared counters

async function account() {
  const email = `throttle-${uid()}@test.local`;
  const user = await db.user.create({ data: { email, name: "T", role: "consumer", passwordHash: hash } });
  return { id: user.id, email };
}

const reasons = (results: Awaited<ReturnType<typeof authenticatePassword>>[]) => results.map((r) => (r.ok ? "ok" : r.reason));

describe("sign-in throttling", () => {
  it("locks an account after its free failures, with growing locks, even for the right password", async () => {
    const { id, email } = await account();
    const from = ip();
    const results = [];
    for (let i = 0; i < THROTTLE.account.free; i++) results.push(await authenticatePassword(email, `wrong-${i}`, { ip: from }));
    expect(reasons(results)).toEqual(Array(THROTTLE.account.free).fill("wrong_password"));
    // The failure that reached the limit started a 30 s lock; from another address it still holds.
    const last = results.at(-1)!;
    expect(last.ok ? null : last.lock).toEqual({ scope: "account", retryAfterS: 30 });
    const during = await authenticatePassword(email, PASSWORD, { ip: ip() });
    expect(during).toMatchObject({ ok: false, reason: "locked", lock: { scope: "account" } });

    // Pretend the lock ran out (the row's expiry is the only state): the next failure locks for twice as long.
    const lockKey = `signin_lock:account:${createHash("sha256").update(email).digest("hex")}`;
    expect(await db.authThrottle.updateMany({ where: { key: lockKey }, data: { expire: BigInt(Date.now() - 1) } })).toEqual({ count: 1 });
    const again = await authenticatePassword(email, "wrong-again", { ip: from });
    expect(again.ok ? null : again.lock).toEqual({ scope: "account", retryAfterS: 60 });

    const audit = await db.auditEvent.findMany({
      where: { targetId: id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, ip: true, after: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      ...Array(THROTTLE.account.free).fill("auth.sign_in_failed"),
      "auth.sign_in_locked",
      "auth.sign_in_failed",
      "auth.sign_in_locked",
    ]);
    expect(audit[0]).toMatchObject({ actorId: null, ip: from, after: { method: "password", reason: "wrong_password" } });
    expect(audit.at(-1)!.after).toMatchObject({ scope: "account", lockedForSeconds: 60 });
  });

  it("locks a client address guessing across many accounts, and only that address", async () => {
    const from = ip();
    for (let i = 0; i < THROTTLE.ip.free; i++) {
      expect((await authenticatePassword(`nobody-${uid()}@test.local`, "guess", { ip: from })).ok).toBe(false);
    }
    const { email } = await account();
    expect(await signInLockOf({ email, ip: from })).toMatchObject({ scope: "ip", retryAfterS: 30 });
    expect(await authenticatePassword(email, PASSWORD, { ip: from })).toMatchObject({ ok: false, reason: "locked", lock: { scope: "ip" } });
    expect(await authenticatePassword(email, PASSWORD, { ip: ip() })).toMatchObject({ ok: true });
  });

  it("audits a successful sign-in and forgets the account's earlier failures", async () => {
    const { id, email } = await account();
    const from = ip();
    for (let i = 0; i < THROTTLE.account.free - 1; i++) await authenticatePassword(email, "wrong", { ip: from });
    expect(await authenticatePassword(email.toUpperCase(), PASSWORD, { ip: from })).toMatchObject({ ok: true, user: { id } });
    // Failures start from zero again: another free round before any lock.
    for (let i = 0; i < THROTTLE.account.free - 1; i++) await authenticatePassword(email, "wrong", { ip: from });
    expect(await signInLockOf({ email, ip: ip() })).toBeNull();
    const success = await db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "auth.sign_in" } });
    expect(success).toMatchObject({ actorId: id, ip: from, after: { method: "password" } });
    expect((await db.user.findUniqueOrThrow({ where: { id } })).lastLoginAt).not.toBeNull();
  });

  it("refuses a disabled account without counting its right password as a guess", async () => {
    const { id, email } = await account();
    await db.user.update({ where: { id }, data: { disabled: true } });
    for (let i = 0; i < THROTTLE.account.free + 1; i++)
      expect(await authenticatePassword(email, PASSWORD, { ip: ip() })).toMatchObject({ ok: false, reason: "disabled" });
    expect(await signInLockOf({ email, ip: null })).toBeNull();
  });
});
