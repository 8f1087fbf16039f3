import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POST as addVersion } from "@/app/api/v1/models/[owner]/[name]/versions/route";
import { DELETE, PATCH } from "@/app/api/v1/models/[owner]/[name]/versions/[version]/route";
import { POST as submit } from "@/app/api/v1/models/[owner]/[name]/versions/[version]/submit/route";
import { db } from "@/lib/server/db";
import { createModel } from "@/lib/publishing/create-model";
import { createModelInput } from "@/lib/publishing/schemas";
import { apiRequest, makeKey, makeTeam, makeUser, onnxForm, params, uid } from "@/lib/publishing/test-fixtures";
import { openSecret } from "@/lib/secrets/secret-box";

process.env.ARTIFACT_DIR = mkdtempSync(path.join(os.tmpdir(), "modelport-artifacts-"));

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

async function draftModel() {
  const team = await makeTeam();
  const key = await makeKey(team.id);
  const name = `m-${uid()}`;
  await createModel(
    {
      publisher: {
        kind: "key",
        keyId: "k",
        teamId: team.id,
        userId: (await makeUser("publisher", [team.id])).id,
        role: "publisher",
        teamIds: [team.id],
      },
      actor: { id: null, label: "test" },
    },
    createModelInput.parse({ team: team.slug, name, displayName: "Model", task: "text-classification", framework: "pytorch" }),
  );
  const base = `/api/v1/models/${team.slug}/${name}/versions`;
  const p = (version: string) => params({ owner: team.slug, name, version });
  const create = async (init: Parameters<typeof apiRequest>[2]) => {
    const res = await addVersion(apiRequest(base, key, init), params({ owner: team.slug, name }));
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; version: string };
  };
  return {
    key,
    create,
    patch: (version: string, json: unknown) => PATCH(apiRequest(`${base}/${version}`, key, { method: "PATCH", json }), p(version)),
    remove: (version: string) => DELETE(apiRequest(`${base}/${version}`, key, { method: "DELETE" }), p(version)),
    submit: (version: string) => submit(apiRequest(`${base}/${version}/submit`, key), p(version)),
  };
}

const httpVersion = {
  runtime: "http",
  version: "1.0.0",
  endpointUrl: "https://models.example.test/v1/predict",
  secretHeaderName: "X-Api-Key",
  secretHeaderValue: "s3cret",
  inputSchema: { type: "object", required: ["text"], properties: { text: { type: "string" } } },
};

describe("draft versions", () => {
  it("edits a draft, re-validating the example input against the schema", async () => {
    const m = await draftModel();
    const v = await m.create({ json: httpVersion });
    const ok = await m.patch("1.0.0", {
      changelog: "Better",
      exampleInput: { text: "hello" },
      costModel: { kind: "tokens", inputMicrosPer1k: 10, outputMicrosPer1k: 30 },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ changelog: "Better", exampleInput: { text: "hello" }, secretHeaderName: "X-Api-Key" });
    expect(body).not.toHaveProperty("secretHeaderValue");
    const bad = await m.patch("1.0.0", { exampleInput: { text: 42 } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.details?.pointer).toBe("/text");
    const row = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(row.exampleInput).toEqual({ text: "hello" });
    // The upstream secret is stored encrypted, never as sent.
    expect(row.secretHeaderValue).toMatch(/^enc:v1:/);
    expect(row.secretHeaderValue).not.toContain("s3cret");
    expect(openSecret(row.secretHeaderValue!)).toBe("s3cret");
    await m.patch("1.0.0", { secretHeaderValue: "n3w-secret" });
    const patched = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect([patched.secretHeaderValue!.startsWith("enc:v1:"), openSecret(patched.secretHeaderValue!)]).toEqual([true, "n3w-secret"]);
    const audit = await db.auditEvent.findMany({ where: { targetId: v.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["version.create", "version.update", "version.update"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toMatch(/s3cret|n3w-secret/);
  });

  it("refuses schema or endpoint changes on an ONNX draft", async () => {
    const m = await draftModel();
    await m.create({ body: onnxForm({ version: "1.0.0" }) });
    const res = await m.patch("1.0.0", { inputSchema: { type: "object" } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.details?.field).toBe("inputSchema");
  });

  it("submits a draft: pending_review with submitter and time, an audit row, and then it is immutable", async () => {
    const m = await draftModel();
    const v = await m.create({ json: httpVersion });
    const res = await m.submit("1.0.0");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("pending_review");
    const row = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(row.status).toBe("pending_review");
    expect(row.submittedAt).toBeInstanceOf(Date);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: v.id, action: "version.submit" } });
    expect(audit).toMatchObject({ before: { status: "draft" }, after: { status: "pending_review" } });

    const again = await m.submit("1.0.0");
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.code).toBe("invalid_transition");
    const edit = await m.patch("1.0.0", { changelog: "sneaky" });
    expect(edit.status).toBe(409);
    const del = await m.remove("1.0.0");
    expect(del.status).toBe(409);
    const after = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(after.changelog).toBe("");
    expect(await db.auditEvent.count({ where: { targetId: v.id } })).toBe(2);
  });

  it("deletes a draft with an audit row; 404 for a version that does not exist", async () => {
    const m = await draftModel();
    const v = await m.create({ json: httpVersion });
    const res = await m.remove("1.0.0");
    expect(res.status).toBe(204);
    expect(await db.modelVersion.findUnique({ where: { id: v.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: v.id, action: "version.delete" } })).toBe(1);
    expect((await m.remove("1.0.0")).status).toBe(404);
  });

  it("a key of another team can neither edit, delete nor submit", async () => {
    const m = await draftModel();
    const v = await m.create({ json: httpVersion });
    const stranger = await makeKey((await makeTeam()).id);
    const row = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id }, include: { model: true } });
    const [owner, name] = row.model.slug.split("/");
    const p = params({ owner, name, version: "1.0.0" });
    const url = `/api/v1/models/${row.model.slug}/versions/1.0.0`;
    expect((await submit(apiRequest(`${url}/submit`, stranger), p)).status).toBe(403);
    expect((await PATCH(apiRequest(url, stranger, { method: "PATCH", json: { changelog: "x" } }), p)).status).toBe(403);
    expect((await DELETE(apiRequest(url, stranger, { method: "DELETE" }), p)).status).toBe(403);
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("draft");
  });
});

describe("the database itself", () => {
  it("refuses to change a submitted version's artifact or schema, but not its status", async () => {
    const m = await draftModel();
    const v = await m.create({ body: onnxForm({ version: "1.0.0" }) });
    await db.modelVersion.update({ where: { id: v.id }, data: { changelog: "drafts can change" } });
    expect((await m.submit("1.0.0")).status).toBe(200);
    await expect(db.modelVersion.update({ where: { id: v.id }, data: { inputSchema: { type: "object" } } })).rejects.toThrow(/immutable/);
    await expect(db.modelVersion.update({ where: { id: v.id }, data: { artifactSha256: "0".repeat(64) } })).rejects.toThrow(/immutable/);
    await db.modelVersion.update({ where: { id: v.id }, data: { status: "approved", approvedAt: new Date() } });
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("approved");
  });
});
