import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { hashApiKey } from "@/lib/auth/api-keys";
import { resolveApiKey } from "@/lib/auth/resolve-api-key";
import { createApiKey } from "@/lib/apps/create-api-key";
import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/list-apps";
import { revokeApiKey } from "@/lib/apps/revoke-api-key";
import { createModel, createTeamWithMember, unique } from "@/lib/apps/test-fixtures";
import { AppError } from "@/lib/server/errors";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (e) {
    return e instanceof AppError ? e.code : `unexpected ${String(e)}`;
  }
}

describe("apps and API keys", () => {
  it("creates an app for the user's own team, with an audit row, and refuses other teams", async () => {
    const alice = await createTeamWithMember();
    const bob = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    expect(app.team.id).toBe(alice.team.id);
    expect(await db.auditEvent.count({ where: { action: "app.create", targetId: app.id, actorId: alice.user.id } })).toBe(1);
    expect(await codeOf(createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: bob.team.id } }))).toBe(
      "forbidden",
    );
    expect(await codeOf(createApp({ user: alice.user, actor: alice.actor, data: { name: app.name, teamId: alice.team.id } }))).toBe(
      "conflict",
    );
  });

  it("returns the secret once and stores only its prefix and SHA-256 hash", async () => {
    const alice = await createTeamWithMember();
    const model = await createModel(alice.team.id, alice.team.slug);
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const key = await createApiKey({
      user: alice.user,
      actor: alice.actor,
      appId: app.id,
      data: { name: "ci", scopes: ["invoke", "read"], models: [model.slug] },
    });
    expect(key.secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key.models).toEqual([model.slug]);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashApiKey(key.secret));
    expect(row.modelAllowlist).toEqual([model.id]);
    const asText = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
    const stored = asText(row) + asText(await db.auditEvent.findMany({ where: { targetId: key.id } }));
    expect(stored).not.toContain(key.secret);
    expect(stored).not.toContain(key.secret.slice(key.prefix.length + 1));

    const [listed] = await listApps({ teamIds: alice.user.teamIds }).then((apps) => apps.filter((a) => a.id === app.id));
    expect(listed.keys.map((k) => k.prefix)).toEqual([key.prefix]);
    expect(JSON.stringify(listed)).not.toContain(row.hash);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect((await resolveApiKey(key.secret)).scopes).toEqual(["invoke", "read"]);
  });

  it("validates the allow-list and the expiry", async () => {
    const alice = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    expect(
      await codeOf(createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "x1", models: ["nobody/nothing"] } })),
    ).toBe("unprocessable");
    expect(
      await codeOf(
        createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "x2", expiresAt: "2001-01-01T00:00:00Z" } }),
      ),
    ).toBe("unprocessable");
    await expect(
      createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "x3", scopes: ["admin" as "read"] } }),
    ).rejects.toThrow();
    expect(await db.apiKey.count({ where: { appId: app.id } })).toBe(0);
  });

  it("treats another team's hidden (draft-only) model in the allow-list exactly like a missing one", async () => {
    const alice = await createTeamWithMember();
    const bob = await createTeamWithMember("publisher");
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const hidden = await createModel(bob.team.id, bob.team.slug, { status: "draft" });
    const attempt = (slug: string) =>
      createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "ci key", models: [slug] } }).catch(
        (e: AppError) => [e.code, e.message],
      );
    const missingSlug = `${bob.team.slug}/no-such-model`;
    expect(await attempt(hidden.slug)).toEqual(((await attempt(missingSlug)) as string[]).map((s) => s.replace(missingSlug, hidden.slug)));
    expect(await db.apiKey.count({ where: { appId: app.id } })).toBe(0);
    // Bob's own team may name it.
    const bobApp = await createApp({ user: bob.user, actor: bob.actor, data: { name: unique("app"), teamId: bob.team.id } });
    await expect(
      createApiKey({ user: bob.user, actor: bob.actor, appId: bobApp.id, data: { name: "ci key", models: [hidden.slug] } }),
    ).resolves.toMatchObject({ models: [hidden.slug] });
  });

  it("hides other teams' apps and keys (404, nothing listed, nothing changed)", async () => {
    const alice = await createTeamWithMember();
    const mallory = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const key = await createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "prod" } });
    expect((await listApps({ teamIds: mallory.user.teamIds })).map((a) => a.id)).not.toContain(app.id);
    expect(await codeOf(createApiKey({ user: mallory.user, actor: mallory.actor, appId: app.id, data: { name: "steal" } }))).toBe(
      "not_found",
    );
    expect(await codeOf(revokeApiKey({ user: mallory.user, actor: mallory.actor, appId: app.id, keyId: key.id }))).toBe("not_found");
    // A key id paired with an app of the attacker's own is not found either.
    const own = await createApp({ user: mallory.user, actor: mallory.actor, data: { name: unique("app"), teamId: mallory.team.id } });
    expect(await codeOf(revokeApiKey({ user: mallory.user, actor: mallory.actor, appId: own.id, keyId: key.id }))).toBe("not_found");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect(await db.apiKey.count({ where: { appId: app.id } })).toBe(1);
  });

  it("revokes a key so it is refused at once, audited once", async () => {
    const alice = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const key = await createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "prod" } });
    expect((await resolveApiKey(key.secret)).keyId).toBe(key.id);
    const revoked = await revokeApiKey({ user: alice.user, actor: alice.actor, appId: app.id, keyId: key.id });
    expect(revoked.revokedAt).not.toBeNull();
    await expect(resolveApiKey(key.secret)).rejects.toMatchObject({ code: "invalid_api_key" });
    const again = await revokeApiKey({ user: alice.user, actor: alice.actor, appId: app.id, keyId: key.id });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect(await db.auditEvent.count({ where: { action: "api_key.revoke", targetId: key.id } })).toBe(1);
  });
});
