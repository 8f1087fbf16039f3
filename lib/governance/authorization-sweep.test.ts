// Authorization sweep: every /api/v1 route file in the tree is called as anonymous, with an API key of
// another team's app, and with a session of each role (users outside the owning team). Whatever the route,
// none may (a) answer 5xx, (b) let an anonymous caller through where the OpenAPI registry says it needs
// auth, (c) change the owning team's state for a caller who should not, or (d) return the owning team's
// private data. Routes are discovered from the file system, so routes added by other branches are swept
// too; add a sample body to SAMPLE_BODIES to drive a route past validation into its authorization checks.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { makeAppWithKey, makeModel, makeTeam, makeUser, makeVersion, uid } from "@/lib/governance/testing/factory";
import { registeredRoutes } from "@/lib/openapi/registry";
import "@/app/api/openapi-document";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type RouteFile = { file: string; apiPath: string; method: (typeof METHODS)[number] };

function discoverRoutes(): RouteFile[] {
  const root = path.join(process.cwd(), "app");
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const source = readFileSync(full, "utf8");
        const apiPath =
          "/" +
          path
            .relative(root, dir)
            .split(path.sep)
            .join("/")
            .replace(/\[([^\]]+)\]/g, "{$1}");
        for (const m of METHODS)
          if (new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(source))
            out.push({ file: full, apiPath, method: m });
      }
    }
  };
  walk(path.join(root, "api", "v1"));
  return out;
}

const routes = discoverRoutes();

// The owning team ("A") and its private facts; the callers belong to team B.
const marker = `private-${uid()}`;
let params: Record<string, string> = {};
let foreignKey = "";
let foreignAppId = "";
let teamAId = "";
const sessions = new Map<Role, SessionUser>();

/** Bodies that pass validation, so the call reaches the authorization checks. Extend for new routes. */
const SAMPLE_BODIES: { pattern: RegExp; body: () => unknown }[] = [
  { pattern: /\/review$/, body: () => ({ decision: "approve", comment: "ok" }) },
  { pattern: /\/deprecate$/, body: () => ({ sunsetAt: new Date(Date.now() + 86_400_000).toISOString(), message: "bye" }) },
  { pattern: /\/access-requests$/, body: () => ({ appId: foreignAppId, reason: "sweep test request" }) },
  { pattern: /\/decision$/, body: () => ({ decision: "approve" }) },
  { pattern: /\/comments$/, body: () => ({ body: "sweep comment" }) },
  { pattern: /^\/api\/v1\/models\/\{owner\}\/\{name\}$/, body: () => ({ displayName: "taken over" }) },
];

async function fingerprintTeamA(): Promise<string> {
  const models = await db.model.findMany({
    where: { teamId: teamAId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      updatedAt: true,
      versions: { orderBy: { id: "asc" }, select: { id: true, status: true, updatedAt: true, reviews: { select: { id: true } } } },
    },
  });
  const apps = await db.app.findMany({
    where: { teamId: teamAId },
    orderBy: { id: "asc" },
    select: { id: true, name: true, deletedAt: true, keys: { select: { id: true, revokedAt: true } } },
  });
  const grants = await db.accessGrant.findMany({
    where: { OR: [{ model: { teamId: teamAId } }, { app: { teamId: teamAId } }] },
    orderBy: { id: "asc" },
    select: { id: true, appId: true, revokedAt: true },
  });
  const requests = await db.accessRequest.findMany({
    where: { OR: [{ model: { teamId: teamAId } }, { app: { teamId: teamAId } }], reason: { contains: marker } },
    orderBy: { id: "asc" },
    select: { id: true, status: true },
  });
  const members = await db.teamMember.findMany({
    where: { teamId: teamAId },
    orderBy: { userId: "asc" },
    select: { userId: true, role: true },
  });
  return JSON.stringify({ models, apps, grants, requests, members });
}

function urlFor(apiPath: string): string {
  return (
    "http://localhost" +
    apiPath.replace(/\{([^}]+)\}/g, (_m, p: string) => encodeURIComponent(params[p] ?? "00000000-0000-4000-8000-000000000000"))
  );
}

async function call(route: RouteFile, auth: { key?: string }): Promise<{ status: number; text: string }> {
  const mod = (await import(route.file)) as Record<
    string,
    (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const sample = SAMPLE_BODIES.find((s) => s.pattern.test(route.apiPath));
  const init: ConstructorParameters<typeof NextRequest>[1] = {
    method: route.method,
    headers: { "content-type": "application/json", ...(auth.key ? { authorization: `Bearer ${auth.key}` } : {}) },
  };
  if (route.method !== "GET" && route.method !== "DELETE") init.body = JSON.stringify(sample ? sample.body() : {});
  const names = [...route.apiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const res = await mod[route.method](new NextRequest(urlFor(route.apiPath), init), {
    params: Promise.resolve(Object.fromEntries(names.map((n) => [n, params[n] ?? "00000000-0000-4000-8000-000000000000"]))),
  });
  return { status: res.status, text: await res.text() };
}

/** Routes declared open to anonymous callers (public, or anonymous callers also served). */
function isPublic(route: RouteFile): boolean {
  const spec = registeredRoutes().find((r) => r.method === route.method.toLowerCase() && r.path === route.apiPath);
  return spec !== undefined && (spec.permission === "public" || spec.anonymous === true);
}

beforeAll(async () => {
  const { model, team, ref } = await makeModel({ visibility: "gated" });
  teamAId = team.id;
  const owner = await makeUser("publisher", team.id, "maintainer");
  await makeVersion(model.id, { status: "pending_review", version: "1.0.0", createdById: owner.id, submittedById: owner.id });
  await makeVersion(model.id, { status: "approved", version: "0.9.0" });
  await db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "2.0.0-draft",
      major: 2,
      minor: 0,
      patch: 0,
      prerelease: "draft",
      runtime: "http",
      endpointUrl: `http://${marker}.invalid/`,
      secretHeaderName: "x-token",
      secretHeaderValue: marker,
      costModel: { kind: "per_call", microsPerCall: 1 },
    },
  });
  const appA = await makeAppWithKey(team.id);
  await db.app.update({ where: { id: appA.app.id }, data: { name: `app-${marker}` } });
  const keyA = await db.apiKey.findFirstOrThrow({ where: { appId: appA.app.id } });
  const thirdTeam = await makeTeam();
  const appC = await makeAppWithKey(thirdTeam.id);
  const requester = await makeUser("consumer", thirdTeam.id);
  const request = await db.accessRequest.create({
    data: { modelId: model.id, appId: appC.app.id, requesterId: requester.id, reason: `reason ${marker}` },
  });
  await db.auditEvent.create({
    data: { actorLabel: "seed", action: "test.private", targetType: "app", targetId: appA.app.id, after: { note: marker } },
  });

  const teamB = await makeTeam();
  const appB = await makeAppWithKey(teamB.id);
  foreignKey = appB.secret;
  foreignAppId = appB.app.id;
  for (const role of ["consumer", "publisher", "reviewer", "executive", "admin"] as const) {
    const u = await makeUser(role, teamB.id, "maintainer");
    sessions.set(role, { id: u.id, email: u.email, name: u.email, role, teamIds: [teamB.id] });
  }
  params = { owner: ref.owner, name: ref.name, version: "1.0.0", id: request.id, app: appA.app.id, appId: appA.app.id, keyId: keyA.id };
});

describe("authorization sweep over every /api/v1 route", () => {
  it("finds the route files (guards against a vacuous sweep)", () => {
    const paths = routes.map((r) => `${r.method} ${r.apiPath}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "POST /api/v1/models/{owner}/{name}/versions/{version}/review",
        "POST /api/v1/models/{owner}/{name}/versions/{version}/deprecate",
        "POST /api/v1/models/{owner}/{name}/access-requests",
        "POST /api/v1/models/{owner}/{name}/access-requests/{id}/decision",
        "GET /api/v1/audit",
      ]),
    );
  });

  it.each(routes.map((r) => [`${r.method} ${r.apiPath}`, r] as const))("%s as anonymous", async (_name, route) => {
    sessionUser = null;
    const before = await fingerprintTeamA();
    const res = await call(route, {});
    expect(res.status).toBeLessThan(500);
    if (!isPublic(route)) expect(res.status).toBe(401);
    expect(res.text).not.toContain(marker);
    expect(await fingerprintTeamA()).toBe(before);
  });

  it.each(routes.map((r) => [`${r.method} ${r.apiPath}`, r] as const))("%s with another team's API key", async (_name, route) => {
    sessionUser = null;
    const before = await fingerprintTeamA();
    const res = await call(route, { key: foreignKey });
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain(marker);
    expect(await fingerprintTeamA()).toBe(before);
  });

  // Reviewers and admins legitimately act on every team's versions and requests; the others must not.
  for (const role of ["consumer", "publisher", "executive"] as const) {
    it.each(routes.map((r) => [`${r.method} ${r.apiPath}`, r] as const))(`%s as a ${role} of another team`, async (_name, route) => {
      sessionUser = sessions.get(role) ?? null;
      const before = await fingerprintTeamA();
      const res = await call(route, {});
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain(marker);
      expect(await fingerprintTeamA()).toBe(before);
    });
  }

  it.each([["reviewer"], ["admin"]] as const)(
    "a %s reaches the governance routes but never reviews a version they submitted",
    async (role) => {
      sessionUser = sessions.get(role) ?? null;
      const { model, ref } = await makeModel();
      const v = await makeVersion(model.id, { submittedById: sessionUser!.id });
      const review = routes.find((r) => r.apiPath.endsWith("/review"))!;
      const saved = params;
      params = { ...params, owner: ref.owner, name: ref.name, version: v.version };
      try {
        const res = await call(review, {});
        expect(res.status).toBe(403);
        expect(JSON.parse(res.text).error.code).toBe("self_approval");
      } finally {
        params = saved;
      }
      expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("pending_review");
    },
  );
});
