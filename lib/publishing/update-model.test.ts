import { describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/models/[owner]/[name]/route";
import { db } from "@/lib/server/db";
import { makeModel, makeUser, makeVersion } from "@/lib/governance/testing/factory";
import { apiRequest, makeKey, params } from "@/lib/publishing/test-fixtures";

type Body = { changed?: string[]; card?: string; error?: { code: string; message: string; requestId: string } };

async function setup() {
  const { model, team, ref } = await makeModel();
  const key = await makeKey(team.id, ["publish"]);
  const hook = await db.webhook.create({ data: { url: "https://hooks.example.test/x", secret: "s", events: ["model.updated"] } });
  const patch = async (json: unknown, secret = key) => {
    const res = await PATCH(apiRequest(`/api/v1/models/${ref.owner}/${ref.name}`, secret, { method: "PATCH", json }), params(ref));
    return { status: res.status, body: (await res.json()) as Body };
  };
  return { model, team, ref, key, hook, patch };
}

describe("PATCH /api/v1/models/{owner}/{name}", () => {
  it("changes metadata and card, audits before/after, queues model.updated, and leaves submitted versions alone", async () => {
    const { model, hook, patch } = await setup();
    const version = await makeVersion(model.id, { status: "approved" });
    const owner = await makeUser("executive");
    const res = await patch({
      displayName: "Churn v2",
      card: "# Churn\n## Evaluation\nAUC 0.93.\n",
      tags: ["Churn", "churn", "crm"],
      contactEmail: "ml-team@example.test",
      riskLevel: "high",
      businessOwnerEmail: owner.email,
      valuePerCallMicros: 5000,
      license: "Apache-2.0",
    });
    expect(res.status).toBe(200);
    expect(res.body.changed?.sort()).toEqual(
      ["businessOwnerEmail", "card", "contactEmail", "displayName", "license", "riskLevel", "tags", "valuePerCallMicros"].sort(),
    );
    const row = await db.model.findUniqueOrThrow({ where: { id: model.id } });
    expect(row).toMatchObject({
      displayName: "Churn v2",
      tags: ["churn", "crm"],
      contactEmail: "ml-team@example.test",
      riskLevel: "high",
      businessOwnerId: owner.id,
      valuePerCallMicros: BigInt(5000),
      license: "Apache-2.0",
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: model.id, action: "model.update" } });
    expect(audit.before).toMatchObject({ displayName: model.displayName, riskLevel: "low" });
    expect(audit.after).toMatchObject({ displayName: "Churn v2", card: "32 characters" });
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(delivery.payload).toMatchObject({ event: "model.updated", data: { model: model.slug } });
    expect(await db.modelVersion.findUniqueOrThrow({ where: { id: version.id } })).toMatchObject({
      status: "approved",
      inputSchema: version.inputSchema,
      updatedAt: version.updatedAt,
    });
    await db.webhook.update({ where: { id: hook.id }, data: { active: false } });
  });

  it("a request that changes nothing writes no audit event and no webhook", async () => {
    const { model, hook, patch } = await setup();
    const res = await patch({ displayName: model.displayName });
    expect(res.body.changed).toEqual([]);
    expect(await db.auditEvent.count({ where: { targetId: model.id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(0);
    await db.webhook.update({ where: { id: hook.id }, data: { active: false } });
  });

  it("refuses other teams (403), unknown fields and bad values (400), unknown business owners (422) — changing nothing", async () => {
    const { model, patch, hook } = await setup();
    const { team: other } = await makeModel();
    const outsider = await makeKey(other.id, ["publish"]);
    expect((await patch({ displayName: "x" }, outsider)).status).toBe(403);
    const unknown = await patch({ visibility: "gated" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "validation_failed" });
    expect(typeof unknown.body.error?.requestId).toBe("string");
    expect((await patch({ riskLevel: "extreme" })).status).toBe(400);
    expect((await patch({ valuePerCallMicros: -1 })).status).toBe(400);
    const missing = await patch({ displayName: "Changed", businessOwnerEmail: "nobody@example.test" });
    expect(missing.status).toBe(422);
    expect((await db.model.findUniqueOrThrow({ where: { id: model.id } })).displayName).toBe(model.displayName);
    expect(await db.auditEvent.count({ where: { targetId: model.id } })).toBe(0);
    await db.webhook.update({ where: { id: hook.id }, data: { active: false } });
  });
});
