import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/models/route";
import { db } from "@/lib/server/db";
import { createModel } from "@/lib/publishing/create-model";
import { createModelInput } from "@/lib/publishing/schemas";
import { apiRequest, makeKey, makeTeam, makeUser, params, uid } from "@/lib/publishing/test-fixtures";

const actor = { id: null, label: "test" };
const body = (team: string, name = `m-${uid()}`) => ({
  team,
  name,
  displayName: "Churn predictor",
  summary: "Predicts churn",
  card: "# Card",
  task: "tabular-classification",
  framework: "onnx",
  tags: ["tabular", "Churn"],
  license: "MIT",
  visibility: "gated",
  valuePerCallMicros: 2500,
  riskLevel: "medium",
  intendedUse: "Retention campaigns",
  limitations: "EU customers only",
});

describe("POST /api/v1/models", () => {
  it("creates a model for the key's team with an audit row", async () => {
    const team = await makeTeam();
    const owner = await makeUser("consumer", [team.id]);
    const key = await makeKey(team.id);
    const input = { ...body(team.slug), businessOwnerEmail: owner.email };
    const res = await POST(apiRequest("/api/v1/models", key, { json: input }), params({}));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; slug: string };
    expect(created.slug).toBe(`${team.slug}/${input.name}`);
    const row = await db.model.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      teamId: team.id,
      visibility: "gated",
      tags: ["tabular", "churn"],
      businessOwnerId: owner.id,
      valuePerCallMicros: 2500n,
      riskLevel: "medium",
    });
    const audit = await db.auditEvent.findMany({ where: { targetId: created.id } });
    expect(audit.map((a) => a.action)).toEqual(["model.create"]);
    expect(audit[0].actorLabel).toMatch(/^api_key:mp_/);
  });

  it("defaults to the key's team when none is named", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id);
    const { team: _t, ...input } = body(team.slug);
    const res = await POST(apiRequest("/api/v1/models", key, { json: input }), params({}));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { owner: string }).owner).toBe(team.slug);
  });

  it("answers 409 for a duplicate name in the team, and writes nothing", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id);
    const input = body(team.slug);
    expect((await POST(apiRequest("/api/v1/models", key, { json: input }), params({}))).status).toBe(201);
    const byKey = { actorLabel: { startsWith: `api_key:${key.slice(0, 11)} ` } };
    const auditBefore = await db.auditEvent.count({ where: byKey });
    const res = await POST(apiRequest("/api/v1/models", key, { json: { ...input, displayName: "Other" } }), params({}));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
    expect(await db.model.count({ where: { teamId: team.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: byKey })).toBe(auditBefore);
  });

  it("answers 403 when a key publishes into another team", async () => {
    const [mine, other] = [await makeTeam(), await makeTeam()];
    const key = await makeKey(mine.id);
    const res = await POST(apiRequest("/api/v1/models", key, { json: body(other.slug) }), params({}));
    expect(res.status).toBe(403);
    expect(await db.model.count({ where: { teamId: other.id } })).toBe(0);
  });

  it("answers 403 for a key without the publish scope", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id, ["invoke"]);
    const res = await POST(apiRequest("/api/v1/models", key, { json: body(team.slug) }), params({}));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");
  });

  it("answers 400 with the field for invalid input", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id);
    const res = await POST(apiRequest("/api/v1/models", key, { json: { ...body(team.slug), name: "Bad Name!" } }), params({}));
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { details: { issues: { path: string; message: string }[] } } };
    expect(err.error.details.issues[0]).toMatchObject({ path: "name", message: expect.stringContaining("lowercase") });
  });

  it("lets a publisher create only in their own teams; an admin anywhere", async () => {
    const [mine, other] = [await makeTeam(), await makeTeam()];
    const publisher = await makeUser("publisher", [mine.id]);
    const admin = await makeUser("admin", []);
    const asUser = (u: typeof publisher) => ({
      publisher: { kind: "user" as const, userId: u.id, role: u.role, teamIds: u.teamIds },
      actor,
    });
    await expect(createModel(asUser(publisher), createModelInput.parse(body(other.slug)))).rejects.toMatchObject({ status: 403 });
    await expect(createModel(asUser(publisher), createModelInput.parse(body(mine.slug)))).resolves.toMatchObject({ owner: mine.slug });
    await expect(createModel(asUser(admin), createModelInput.parse(body(other.slug)))).resolves.toMatchObject({ owner: other.slug });
  });

  it("refuses an unknown business owner with 422", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id);
    const res = await POST(
      apiRequest("/api/v1/models", key, { json: { ...body(team.slug), businessOwnerEmail: "nobody@nowhere.test" } }),
      params({}),
    );
    expect(res.status).toBe(422);
  });
});
