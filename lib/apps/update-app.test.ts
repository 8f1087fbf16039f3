import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { db } from "@/lib/server/db";
import { createApp } from "@/lib/apps/create-app";
import { updateAppSchema } from "@/lib/apps/schemas";
import { createTeamWithMember, unique } from "@/lib/apps/test-fixtures";
import { updateApp } from "@/lib/apps/update-app";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));
const { PATCH } = await import("@/app/api/v1/apps/[app]/route");

describe("an app's allowed browser origins", () => {
  it("accepts origins only, normalised (lower-case host, default port dropped, duplicates folded)", () => {
    const parsed = updateAppSchema.parse({
      allowedOrigins: ["https://Shop.Example.com", "https://shop.example.com:443/", "http://localhost:5173", " http://127.0.0.1:8080 "],
    });
    expect(parsed.allowedOrigins).toEqual(["https://shop.example.com", "http://localhost:5173", "http://127.0.0.1:8080"]);
    for (const bad of [
      "*",
      "https://*.example.com",
      "shop.example.com",
      "https://shop.example.com/checkout",
      "https://shop.example.com?x=1",
      "https://user:pw@shop.example.com",
      "ftp://shop.example.com",
      "null",
      "javascript:alert(1)",
      "",
    ]) {
      expect([bad, updateAppSchema.safeParse({ allowedOrigins: [bad] }).success]).toEqual([bad, false]);
    }
    expect(updateAppSchema.safeParse({ allowedOrigins: Array.from({ length: 21 }, (_, i) => `https://a${i}.example.com`) }).success).toBe(
      false,
    );
  });

  it("changes the origins of the user's own app with an audit row, and hides other teams' apps", async () => {
    const alice = await createTeamWithMember();
    const mallory = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    expect(app.allowedOrigins).toEqual([]);
    const updated = await updateApp({
      user: alice.user,
      actor: alice.actor,
      appId: app.id,
      data: { allowedOrigins: ["https://shop.example.com"] },
    });
    expect(updated.allowedOrigins).toEqual(["https://shop.example.com"]);
    const audit = await db.auditEvent.findMany({ where: { action: "app.update", targetId: app.id } });
    expect(audit.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [alice.user.id, { allowedOrigins: [] }, { allowedOrigins: ["https://shop.example.com"] }],
    ]);

    await expect(
      updateApp({ user: mallory.user, actor: mallory.actor, appId: app.id, data: { allowedOrigins: ["https://evil.example.com"] } }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).allowedOrigins).toEqual(["https://shop.example.com"]);
  });

  it("PATCH /api/v1/apps/{app}: 401 without a session, 400 in the error shape for a bad origin (nothing changed), 200 for the owner", async () => {
    const alice = await createTeamWithMember();
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const patch = (body: unknown) =>
      PATCH(new NextRequest(`http://localhost/api/v1/apps/${app.id}`, { method: "PATCH", body: JSON.stringify(body) }), {
        params: Promise.resolve({ app: app.id }),
      });
    sessionUser = null;
    const anonymous = await patch({ allowedOrigins: ["https://x.example.com"] });
    expect([anonymous.status, (await anonymous.json()).error.code]).toEqual([401, "unauthenticated"]);

    const row = await db.user.findUniqueOrThrow({ where: { id: alice.user.id } });
    sessionUser = { id: row.id, email: row.email, name: row.name, role: row.role, teamIds: alice.user.teamIds };
    const bad = await patch({ allowedOrigins: ["https://x.example.com/path"] });
    const body = await bad.json();
    expect(bad.status).toBe(400);
    expect(body.error).toMatchObject({ code: "validation_failed", requestId: expect.stringMatching(/^req_/) });
    expect(body.error.message).toContain("allowedOrigins.0");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).allowedOrigins).toEqual([]);

    const ok = await patch({ allowedOrigins: ["http://localhost:5173"] });
    expect([ok.status, (await ok.json()).allowedOrigins]).toEqual([200, ["http://localhost:5173"]]);
    sessionUser = null;
  });
});
