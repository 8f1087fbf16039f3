// Sign-out ends the session (issue 13 Medium): the session cookie names a session row, and only a live row
// signs anyone in. A copied cookie stops working at once after sign-out, a password change, disabling the
// user, and "sign out everywhere" (the person's own or an admin's).
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { updateUser } from "@/lib/admin/manage-organisation";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { changePassword } from "@/lib/auth/change-password";
import { authOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

// The request's cookies, as getCurrentUser reads them through next/headers.
let cookie = "";
vi.mock("next/headers", () => ({ headers: async () => new Headers(cookie ? { cookie } : {}) }));
const { getCurrentUser } = await import("@/lib/auth/current-user");

const uid = () => randomBytes(5).toString("hex");
const PASSWORD = "first-password";

async function person(role: "consumer" | "admin" = "consumer") {
  const user = await db.user.create({
    data: { email: `s-${uid()}@test.local`, name: "S", role, passwordHash: await hashPassword(PASSWORD) },
  });
  return { id: user.id, email: user.email, role };
}

/** Signs in the way next-auth does (its jwt callback on sign-in) and returns the session cookie it would set. */
async function signIn(user: { id: string; email: string }): Promise<{ cookie: string; sid: string }> {
  const options = authOptions();
  const token = await options.callbacks!.jwt!({
    token: { email: user.email },
    user: { id: user.id, email: user.email },
    account: null,
    trigger: "signIn",
  });
  const value = await encode({ token, secret: options.secret! });
  return { cookie: `next-auth.session-token=${value}`, sid: String(token.sid) };
}

/** Who a request carrying this cookie is (getCurrentUser is cached per request; each call here is a new one). */
async function whoIs(sessionCookie: string): Promise<string | null> {
  cookie = sessionCookie;
  return (await getCurrentUser())?.id ?? null;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (e) {
    return e instanceof AppError ? e.code : `unexpected ${String(e)}`;
  }
}

describe("browser sessions", () => {
  it("a copied cookie stops working at once after sign-out; other sessions of the person keep working", async () => {
    const user = await person();
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(await whoIs(laptop.cookie)).toBe(user.id);
    await authOptions().events!.signOut!({ token: { sid: laptop.sid }, session: null as never });
    expect(await whoIs(laptop.cookie)).toBeNull();
    expect(await whoIs(phone.cookie)).toBe(user.id);
    expect(await db.userSession.findUniqueOrThrow({ where: { id: laptop.sid } })).toMatchObject({ endReason: "sign_out" });
  });

  it("refuses a cookie without a session (issued before sessions existed, or forged with the secret but no row)", async () => {
    const user = await person();
    const secret = authOptions().secret!;
    expect(await whoIs(`next-auth.session-token=${await encode({ token: { uid: user.id }, secret })}`)).toBeNull();
    expect(
      await whoIs(
        `next-auth.session-token=${await encode({ token: { uid: user.id, sid: "00000000-0000-4000-8000-000000000000" }, secret })}`,
      ),
    ).toBeNull();
    // A session of someone else does not sign this user in either.
    const other = await signIn(await person());
    expect(await whoIs(`next-auth.session-token=${await encode({ token: { uid: user.id, sid: other.sid }, secret })}`)).toBeNull();
  });

  it("a password change ends every session of the person, this one included, and the new password works", async () => {
    const user = await person();
    const [a, b] = [await signIn(user), await signIn(user)];
    expect(
      await codeOf(
        changePassword({
          user,
          actor: { id: user.id, label: user.email },
          data: { currentPassword: "not-it", newPassword: "second-password" },
        }),
      ),
    ).toBe("forbidden");
    expect(await whoIs(a.cookie)).toBe(user.id);
    expect(
      await changePassword({
        user,
        actor: { id: user.id, label: user.email },
        data: { currentPassword: PASSWORD, newPassword: "second-password" },
      }),
    ).toEqual({ sessionsEnded: 2 });
    expect([await whoIs(a.cookie), await whoIs(b.cookie)]).toEqual([null, null]);
    expect((await authenticatePassword(user.email, "second-password")).ok).toBe(true);
    expect((await authenticatePassword(user.email, PASSWORD)).ok).toBe(false);
    expect(await db.auditEvent.findFirst({ where: { targetId: user.id, action: "user.password_change" } })).toMatchObject({
      actorId: user.id,
      after: { sessionsEnded: 2 },
    });
  });

  it("disabling a user ends their sessions, and re-enabling does not bring a copied cookie back", async () => {
    const admin = await person("admin");
    const user = await person();
    const s = await signIn(user);
    await updateUser({ admin, actor: { id: admin.id, label: admin.email }, change: { userId: user.id, disabled: true } });
    expect(await whoIs(s.cookie)).toBeNull();
    await updateUser({ admin, actor: { id: admin.id, label: admin.email }, change: { userId: user.id, disabled: false } });
    expect(await whoIs(s.cookie)).toBeNull();
    expect(await whoIs((await signIn(user)).cookie)).toBe(user.id);
  });

  it("an admin signs someone out everywhere; others may only sign themselves out", async () => {
    const admin = await person("admin");
    const user = await person();
    const bystander = await person();
    const [a, b] = [await signIn(user), await signIn(user)];
    expect(await codeOf(signOutEverywhere({ by: bystander, actor: { id: bystander.id, label: bystander.email }, userId: user.id }))).toBe(
      "forbidden",
    );
    expect(await whoIs(a.cookie)).toBe(user.id);
    expect(await signOutEverywhere({ by: admin, actor: { id: admin.id, label: admin.email }, userId: user.id })).toEqual({
      sessionsEnded: 2,
    });
    expect([await whoIs(a.cookie), await whoIs(b.cookie)]).toEqual([null, null]);
    const own = await signIn(bystander);
    expect(await signOutEverywhere({ by: bystander, actor: { id: bystander.id, label: bystander.email }, userId: bystander.id })).toEqual({
      sessionsEnded: 1,
    });
    expect(await whoIs(own.cookie)).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "user.sign_out_everywhere", actorId: admin.id } })).toBe(1);
  });
});
