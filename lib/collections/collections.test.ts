// Stars and collections through their routes (issue 15 §5): idempotent stars counted once, every change
// audited with a person, private collections and hidden models never leaking to other people, keys held to
// the curate scope, bad input answered in the public error shape with nothing written, and the catalog's
// `stars` and `trending` sorts read from stars and the daily usage roll-up.
import { sql } from "kysely";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { searchModelsQuerySchema } from "@/lib/catalog/schemas";
import { searchModels } from "@/lib/catalog/search-models";
import { createModel } from "@/lib/apps/test-fixtures";
import { apiRequest, makeKey, makeTeam, makeUser, params } from "@/lib/publishing/test-fixtures";
import { db, kdb } from "@/lib/server/db";
import { NextRequest } from "next/server";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));
const starRoute = await import("@/app/api/v1/models/[owner]/[name]/star/route");
const listRoute = await import("@/app/api/v1/collections/route");
const oneRoute = await import("@/app/api/v1/collections/[id]/route");
const itemsRoute = await import("@/app/api/v1/collections/[id]/items/route");

type Person = Awaited<ReturnType<typeof makeUser>>;
const as = (p: Person | null) => {
  sessionUser = p ? { id: p.id, email: p.email, name: "Test user", role: p.role, teamIds: p.teamIds } : null;
};
const req = (url: string, method: string, body?: unknown) =>
  new NextRequest(`http://localhost${url}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const read = async (res: Response) => ({ status: res.status, body: res.status === 204 ? null : await res.json() });

let teamA: Awaited<ReturnType<typeof makeTeam>>;
let alice: Person; // consumer in team A
let bob: Person; // consumer in team B
let shown: { slug: string; name: string }; // approved model of team A: everyone sees it
let draft: { slug: string; name: string }; // draft-only model of team A: only team A sees it

beforeAll(async () => {
  teamA = await makeTeam();
  const teamB = await makeTeam();
  alice = await makeUser("consumer", [teamA.id]);
  bob = await makeUser("consumer", [teamB.id]);
  shown = await createModel(teamA.id, teamA.slug);
  draft = await createModel(teamA.id, teamA.slug, { status: "draft" });
});

const star = (method: "PUT" | "DELETE", model: { slug: string }, init?: Request) => {
  const [owner, name] = model.slug.split("/");
  return starRoute[method]((init as NextRequest | undefined) ?? req(`/api/v1/models/${model.slug}/star`, method), params({ owner, name }));
};

describe("stars", () => {
  it("PUT/DELETE are idempotent, count each person once and audit each change with the person", async () => {
    as(alice);
    expect(await read(await star("PUT", shown))).toEqual({ status: 200, body: { model: shown.slug, starred: true, stars: 1 } });
    expect(await read(await star("PUT", shown))).toEqual({ status: 200, body: { model: shown.slug, starred: true, stars: 1 } });
    as(bob);
    expect((await read(await star("PUT", shown))).body.stars).toBe(2);
    expect((await read(await star("DELETE", shown))).body).toEqual({ model: shown.slug, starred: false, stars: 1 });
    expect((await read(await star("DELETE", shown))).body.stars).toBe(1);
    const model = await db.model.findUniqueOrThrow({ where: { slug: shown.slug } });
    const audit = await db.auditEvent.findMany({ where: { targetId: model.id, action: { startsWith: "model." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["model.star", alice.id],
      ["model.star", bob.id],
      ["model.unstar", bob.id],
    ]);
  });

  it("a hidden model answers 404 like a missing one, anonymous 401, a key needs the curate scope and acts for its creator", async () => {
    as(bob);
    const hidden = await read(await star("PUT", draft));
    expect([hidden.status, hidden.body.error.code, hidden.body.error.requestId]).toEqual([
      404,
      "not_found",
      expect.stringMatching(/^req_/),
    ]);
    expect(await db.modelStar.count({ where: { model: { slug: draft.slug } } })).toBe(0);
    as(null);
    expect((await star("PUT", shown)).status).toBe(401);

    const readKey = await makeKey(teamA.id, ["read"], alice.id);
    const refused = await read(await star("PUT", shown, apiRequest(`/api/v1/models/${shown.slug}/star`, readKey, { method: "PUT" })));
    expect([refused.status, refused.body.error.code]).toEqual([403, "insufficient_scope"]);

    const carol = await makeUser("publisher", [teamA.id]);
    const curateKey = await makeKey(teamA.id, ["curate"], carol.id);
    const ok = await read(await star("PUT", draft, apiRequest(`/api/v1/models/${draft.slug}/star`, curateKey, { method: "PUT" })));
    expect(ok).toEqual({ status: 200, body: { model: draft.slug, starred: true, stars: 1 } });
    expect(await db.modelStar.findMany({ where: { model: { slug: draft.slug } }, select: { userId: true } })).toEqual([
      { userId: carol.id },
    ]);
  });
});

describe("collections", () => {
  it("are built by their owner: create, add with notes, reorder, remove, edit, delete — each change audited", async () => {
    as(alice);
    const created = await read(
      await listRoute.POST(req("/api/v1/collections", "POST", { title: "Churn kit", visibility: "company" }), params({})),
    );
    expect(created).toMatchObject({ status: 201 });
    expect(created.body).toMatchObject({ title: "Churn kit", visibility: "company", owner: { kind: "user" }, items: [], canEdit: true });
    const id: string = created.body.id;
    const items = (method: "POST" | "PUT" | "DELETE", body?: unknown, query = "") =>
      itemsRoute[method](req(`/api/v1/collections/${id}/items${query}`, method, body), params({ id }));

    expect((await read(await items("POST", { model: shown.slug, note: "start here" }))).status).toBe(201);
    const added = await read(await items("POST", { model: draft.slug, note: "ours, not out yet" }));
    expect(
      added.body.items.map((i: { model: { slug: string }; note: string; position: number }) => [i.model.slug, i.note, i.position]),
    ).toEqual([
      [shown.slug, "start here", 0],
      [draft.slug, "ours, not out yet", 1],
    ]);
    const renoted = await read(await items("POST", { model: shown.slug, note: "the baseline" }));
    expect([renoted.status, renoted.body.items[0].note]).toEqual([200, "the baseline"]);

    const reordered = await read(await items("PUT", { models: [draft.slug, shown.slug] }));
    expect(reordered.body.items.map((i: { model: { slug: string } }) => i.model.slug)).toEqual([draft.slug, shown.slug]);
    const incomplete = await read(await items("PUT", { models: [draft.slug] }));
    expect([incomplete.status, incomplete.body.error.code]).toEqual([422, "unprocessable"]);

    const patched = await read(
      await oneRoute.PATCH(req(`/api/v1/collections/${id}`, "PATCH", { title: "Churn starter kit" }), params({ id })),
    );
    expect(patched.body.title).toBe("Churn starter kit");
    const removed = await read(await items("DELETE", undefined, `?model=${encodeURIComponent(draft.slug)}`));
    expect(removed.body.items.map((i: { model: { slug: string } }) => i.model.slug)).toEqual([shown.slug]);
    expect((await read(await items("DELETE", undefined, `?model=${encodeURIComponent(draft.slug)}`))).status).toBe(404);

    expect((await oneRoute.DELETE(req(`/api/v1/collections/${id}`, "DELETE"), params({ id }))).status).toBe(204);
    expect(await db.collection.count({ where: { id } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { targetType: "collection", targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "collection.create",
      "collection.item_add",
      "collection.item_add",
      "collection.item_note",
      "collection.reorder",
      "collection.update",
      "collection.item_remove",
      "collection.delete",
    ]);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([alice.id]));
  });

  it("private collections and hidden models never reach other people; company ones are read-only to them", async () => {
    as(alice);
    const priv = (await read(await listRoute.POST(req("/api/v1/collections", "POST", { title: "Private picks" }), params({})))).body;
    const team = (
      await read(
        await listRoute.POST(
          req("/api/v1/collections", "POST", { title: "Team shelf", visibility: "company", team: teamA.slug }),
          params({}),
        ),
      )
    ).body;
    expect(team.owner).toEqual({ kind: "team", name: teamA.name, slug: teamA.slug });
    for (const c of [priv, team]) {
      for (const m of [shown, draft]) {
        await itemsRoute.POST(req(`/api/v1/collections/${c.id}/items`, "POST", { model: m.slug }), params({ id: c.id }));
      }
    }

    as(bob);
    const hiddenGet = await read(await oneRoute.GET(req(`/api/v1/collections/${priv.id}`, "GET"), params({ id: priv.id })));
    expect([hiddenGet.status, hiddenGet.body.error.code]).toEqual([404, "not_found"]);
    expect(JSON.stringify(hiddenGet.body)).not.toContain("Private picks");
    const companyGet = await read(await oneRoute.GET(req(`/api/v1/collections/${team.id}`, "GET"), params({ id: team.id })));
    expect(companyGet.body.items.map((i: { model: { slug: string } }) => i.model.slug)).toEqual([shown.slug]);
    expect([companyGet.body.itemCount, companyGet.body.canEdit]).toEqual([1, false]);
    expect(JSON.stringify(companyGet.body)).not.toContain(draft.name);

    const list = await read(await listRoute.GET(req(`/api/v1/collections?model=${encodeURIComponent(shown.slug)}`, "GET"), params({})));
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(team.id);
    expect(ids).not.toContain(priv.id);
    const byHidden = await read(await listRoute.GET(req(`/api/v1/collections?model=${encodeURIComponent(draft.slug)}`, "GET"), params({})));
    expect(byHidden.status).toBe(404);

    const before = await db.collectionItem.findMany({ where: { collectionId: team.id }, orderBy: { position: "asc" } });
    const write = await read(
      await itemsRoute.POST(
        req(`/api/v1/collections/${team.id}/items`, "POST", { model: shown.slug, note: "mine now" }),
        params({ id: team.id }),
      ),
    );
    expect([write.status, write.body.error.code]).toEqual([403, "forbidden"]);
    const privWrite = await read(await oneRoute.DELETE(req(`/api/v1/collections/${priv.id}`, "DELETE"), params({ id: priv.id })));
    expect(privWrite.status).toBe(404);
    expect(await db.collectionItem.findMany({ where: { collectionId: team.id }, orderBy: { position: "asc" } })).toEqual(before);
    expect(await db.collection.count({ where: { id: priv.id } })).toBe(1);

    // Not one of bob's teams: 422; a bad body: 400 in the error shape; nothing written either way.
    const count = await db.collection.count();
    const foreignTeam = await read(await listRoute.POST(req("/api/v1/collections", "POST", { title: "x", team: teamA.slug }), params({})));
    expect([foreignTeam.status, foreignTeam.body.error.code]).toEqual([422, "unprocessable"]);
    const bad = await read(await listRoute.POST(req("/api/v1/collections", "POST", { title: "", visibility: "everyone" }), params({})));
    expect([bad.status, bad.body.error.code, typeof bad.body.error.message]).toEqual([400, "validation_failed", "string"]);
    expect(await db.collection.count()).toBe(count);
  });
});

describe("catalog sorts by stars and trending", () => {
  it("orders by star count, and by growth of the last 7 days against the 28 before (daily roll-up and stars)", async () => {
    const team = await makeTeam();
    const [steady, rising, starred] = [
      await createModel(team.id, team.slug),
      await createModel(team.id, team.slug),
      await createModel(team.id, team.slug),
    ];
    const fans = await Promise.all([1, 2, 3].map(() => makeUser("consumer", [])));
    await db.modelStar.createMany({ data: fans.map((f) => ({ userId: f.id, modelId: starred.id })) });
    await db.modelStar.create({ data: { userId: fans[0].id, modelId: steady.id, createdAt: new Date(Date.now() - 20 * 86_400_000) } });
    // steady: 100 calls a day for 35 days; rising: 10 a day before, 200 a day this week.
    const days = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    const rows = [
      ...days(0, 35).map((d) => ({ model: steady.id, d, calls: 100 })),
      ...days(0, 7).map((d) => ({ model: rising.id, d, calls: 200 })),
      ...days(7, 35).map((d) => ({ model: rising.id, d, calls: 10 })),
    ];
    for (const r of rows) {
      await sql`INSERT INTO usage_daily_by (day, dim, key, calls) VALUES (date_trunc('day', now()) - make_interval(days => ${r.d}), 'model', ${r.model}, ${r.calls})`.execute(
        kdb(),
      );
    }
    const sorted = async (sort: string) =>
      (await searchModels({ viewer: { teamIds: [] }, query: searchModelsQuerySchema.parse({ team: team.slug, sort }) })).items.map((i) => [
        i.id,
        i.stars,
      ]);
    expect(await sorted("stars")).toEqual([
      [starred.id, 3],
      [steady.id, 1],
      [rising.id, 0],
    ]);
    // rising: 1400 − 280/4 = 1330; starred: 25 × 3 = 75; steady: 700 − 2800/4 − 25 / 4 < 0.
    expect((await sorted("trending")).map(([id]) => id)).toEqual([rising.id, starred.id, steady.id]);
  });
});
