// A key never does more than the person who created it (issue 13 High 1 and 2): it can only be minted with
// scopes its creator's role grants, it loses what a demotion takes away (also when the demotion comes from
// another connection), it stops with a disabled creator, and every write made with it records its creator —
// so separation of duties compares people, whichever door they used.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createModelRoute } from "@/app/api/v1/models/route";
import { POST as addVersionRoute } from "@/app/api/v1/models/[owner]/[name]/versions/route";
import { POST as submitRoute } from "@/app/api/v1/models/[owner]/[name]/versions/[version]/submit/route";
import { updateUser } from "@/lib/admin/manage-organisation";
import { createApiKey } from "@/lib/apps/create-api-key";
import { createApp } from "@/lib/apps/create-app";
import { generateApiKey } from "@/lib/auth/api-keys";
import { grantableScopes, keyPermissions } from "@/lib/auth/permissions";
import { resolveApiKey } from "@/lib/auth/resolve-api-key";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { listenerReady } from "@/lib/server/lookup-cache";
import { reviewVersion } from "@/lib/governance/review-version";
import { AppError } from "@/lib/server/errors";
import { apiRequest, makeTeam, makeUser, params, uid } from "@/lib/publishing/test-fixtures";
import { createTestDatabase } from "@/test/databases";

// A database of its own: cache notifications are per database, so other test files' writes cannot evict
// this process's key cache, and the notifications counted below are exact.
process.env.DATABASE_URL = await createTestDatabase();

const actorOf = (u: { id: string; email: string }) => ({ id: u.id, label: u.email });
let admin: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  expect(await listenerReady()).toBe(true);
  admin = await makeUser("admin", []);
});

/** A person of `role` in a fresh team, with an app of that team. */
async function personWithApp(role: Role) {
  const team = await makeTeam();
  const user = await makeUser(role, [team.id]);
  const app = await createApp({ user, actor: actorOf(user), data: { name: `app-${uid()}`, teamId: team.id } });
  return { team, user, app };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : `unexpected ${String(e)}`;
  }
}

const modelBody = (team: string) => ({ team, name: `m-${uid()}`, displayName: "Churn", task: "tabular-classification", framework: "onnx" });
const httpVersion = (version: string) => ({
  runtime: "http",
  version,
  endpointUrl: "https://models.example.test/v1/predict",
  inputSchema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
  exampleInput: { text: "hello" },
  costModel: { kind: "per_call", microsPerCall: 10 },
});

describe("the permission vocabulary", () => {
  it("maps scopes onto role permissions and intersects them with the creator's role", () => {
    expect(grantableScopes("consumer")).toEqual(["invoke", "read", "curate"]);
    expect(grantableScopes("publisher")).toEqual(["invoke", "read", "publish", "usage:read", "curate"]);
    expect(grantableScopes("executive")).toEqual(["invoke", "read", "usage:read", "curate"]);
    expect([...keyPermissions(["invoke", "publish"], "publisher")].sort()).toEqual(["models:invoke", "models:publish"]);
    expect([...keyPermissions(["invoke", "publish"], "consumer")]).toEqual(["models:invoke"]);
    expect([...keyPermissions(["admin", "invoke"], "admin")]).toEqual(["models:invoke"]);
  });
});

describe("minting keys (High 2)", () => {
  it("refuses a consumer a publish or usage:read key with 403 and writes nothing", async () => {
    const { user, app } = await personWithApp("consumer");
    for (const scopes of [["publish"], ["invoke", "publish"], ["usage:read"]] as const) {
      expect(await codeOf(createApiKey({ user, actor: actorOf(user), appId: app.id, data: { name: "ci", scopes: [...scopes] } }))).toBe(
        "403 scope_not_grantable",
      );
    }
    expect(await db.apiKey.count({ where: { appId: app.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "api_key.create", actorId: user.id } })).toBe(0);
    const ok = await createApiKey({ user, actor: actorOf(user), appId: app.id, data: { name: "prod", scopes: ["invoke", "read"] } });
    expect(ok.scopes).toEqual(["invoke", "read"]);
  });
});

describe("using keys", () => {
  it("a publisher's publish key stops publishing once the publisher is demoted to consumer, and works again after", async () => {
    const { team, user, app } = await personWithApp("publisher");
    const key = await createApiKey({ user, actor: actorOf(user), appId: app.id, data: { name: "ci", scopes: ["publish", "invoke"] } });
    const publish = () => createModelRoute(apiRequest("/api/v1/models", key.secret, { json: modelBody(team.slug) }), params({}));
    expect((await publish()).status).toBe(201);

    await updateUser({ admin, actor: actorOf(admin), change: { userId: user.id, role: "consumer" } });
    const refused = await publish();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "insufficient_scope",
      message: expect.stringContaining("creator's role"),
    });
    expect(await db.model.count({ where: { teamId: team.id } })).toBe(1);
    // What the consumer role still grants, the key still does.
    expect([...(await resolveApiKey(key.secret)).permissions]).toEqual(["models:invoke"]);

    await updateUser({ admin, actor: actorOf(admin), change: { userId: user.id, role: "publisher" } });
    expect((await publish()).status).toBe(201);
  });

  it("tells every node's key cache when a creator's role, status or teams change, and not on a sign-in", async () => {
    const { team, user } = await personWithApp("publisher");
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", (m) => payloads.push(m.payload ?? ""));
    await listener.query("LISTEN modelport_cache");
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const after = async (statement: string, values: unknown[]) => {
        payloads.length = 0;
        await other.query(statement, values);
        // A notification sent after the statement's own arrives after it (delivery follows commit order).
        await other.query(`SELECT pg_notify('modelport_cache', 'sentinel')`);
        await expect.poll(() => payloads.includes("sentinel")).toBe(true);
        return payloads.filter((p) => p !== "sentinel");
      };
      expect(await after(`UPDATE users SET "lastLoginAt" = now() WHERE id = $1`, [user.id])).toEqual([]);
      expect(await after(`UPDATE users SET role = 'consumer' WHERE id = $1`, [user.id])).toEqual(["users"]);
      expect(await after(`UPDATE users SET disabled = true WHERE id = $1`, [user.id])).toEqual(["users"]);
      expect(await after(`DELETE FROM team_members WHERE "userId" = $1 AND "teamId" = $2`, [user.id, team.id])).toEqual(["team_members"]);
    } finally {
      await other.end();
      await listener.end();
    }
  });

  it("notices a demotion or a disabled creator written by another connection (another node, psql)", async () => {
    const { team, user, app } = await personWithApp("publisher");
    const key = await createApiKey({ user, actor: actorOf(user), appId: app.id, data: { name: "ci", scopes: ["publish"] } });
    expect((await resolveApiKey(key.secret)).permissions.has("models:publish")).toBe(true);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(`UPDATE users SET role = 'consumer' WHERE id = $1`, [user.id]);
      await expect.poll(async () => (await resolveApiKey(key.secret)).permissions.has("models:publish"), { timeout: 5_000 }).toBe(false);
      await other.query(`UPDATE users SET role = 'publisher', disabled = true WHERE id = $1`, [user.id]);
      await expect.poll(() => codeOf(resolveApiKey(key.secret)), { timeout: 5_000 }).toBe("401 invalid_api_key");
      // Removed from the app's team: the key may no longer publish there.
      await other.query(`UPDATE users SET disabled = false WHERE id = $1`, [user.id]);
      await other.query(`DELETE FROM team_members WHERE "userId" = $1`, [user.id]);
      await expect.poll(async () => (await resolveApiKey(key.secret).catch(() => null))?.creator.teamIds, { timeout: 5_000 }).toEqual([]);
      const res = await createModelRoute(apiRequest("/api/v1/models", key.secret, { json: modelBody(team.slug) }), params({}));
      expect(res.status).toBe(403);
    } finally {
      await other.end();
    }
  });

  it("a key made before keys recorded their creator acts for the app's creator; with neither it is refused", async () => {
    const { team, user, app } = await personWithApp("consumer");
    const old = generateApiKey();
    await db.apiKey.create({ data: { appId: app.id, name: "old", prefix: old.prefix, hash: old.hash, scopes: ["invoke"] } });
    expect((await resolveApiKey(old.secret)).creator.id).toBe(user.id);
    const orphanApp = await db.app.create({ data: { name: `orphan-${uid()}`, teamId: team.id } });
    const orphan = generateApiKey();
    await db.apiKey.create({ data: { appId: orphanApp.id, name: "orphan", prefix: orphan.prefix, hash: orphan.hash, scopes: ["invoke"] } });
    expect(await codeOf(resolveApiKey(orphan.secret))).toBe("401 invalid_api_key");
  });
});

describe("writes made with a key record its creator (High 1)", () => {
  it("an admin who published and submitted with their own key cannot approve it in their session: 403 self_approval", async () => {
    const team = await makeTeam();
    await db.teamMember.create({ data: { userId: admin.id, teamId: team.id } });
    const me = { ...admin, teamIds: [team.id] };
    const app = await createApp({ user: me, actor: actorOf(me), data: { name: `ci-${uid()}`, teamId: team.id } });
    const key = await createApiKey({ user: me, actor: actorOf(me), appId: app.id, data: { name: "ci", scopes: ["publish"] } });

    const body = modelBody(team.slug);
    expect((await createModelRoute(apiRequest("/api/v1/models", key.secret, { json: body }), params({}))).status).toBe(201);
    const ref = { owner: team.slug, name: body.name };
    expect(
      (
        await addVersionRoute(
          apiRequest(`/api/v1/models/${team.slug}/${body.name}/versions`, key.secret, { json: httpVersion("1.0.0") }),
          params(ref),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await submitRoute(
          apiRequest(`/api/v1/models/${team.slug}/${body.name}/versions/1.0.0/submit`, key.secret),
          params({ ...ref, version: "1.0.0" }),
        )
      ).status,
    ).toBe(200);

    const version = await db.modelVersion.findFirstOrThrow({ where: { model: { slug: `${team.slug}/${body.name}` } } });
    expect(version).toMatchObject({ status: "pending_review", createdById: admin.id, submittedById: admin.id });
    const audit = await db.auditEvent.findMany({
      where: { OR: [{ targetId: version.id }, { targetId: version.modelId }] },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["model.create", "version.create", "version.submit"]);
    for (const a of audit) {
      expect(a.actorId).toBe(admin.id);
      expect(a.actorLabel).toBe(`api_key:${key.prefix} (app ${app.name}, key of ${admin.email})`);
    }

    expect(
      await codeOf(
        reviewVersion({
          reviewer: admin,
          actor: actorOf(admin),
          ref: { ...ref, version: "1.0.0" },
          body: { decision: "approve", comment: "lgtm" },
        }),
      ),
    ).toBe("403 self_approval");
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("pending_review");
  });
});
