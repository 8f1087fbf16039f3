import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as addVersion } from "@/app/api/v1/models/[owner]/[name]/versions/route";
import { db } from "@/lib/server/db";
import { createModel } from "@/lib/publishing/create-model";
import { createModelInput } from "@/lib/publishing/schemas";
import { sha256Of } from "@/lib/artifacts/artifact-store";
import { apiRequest, IRIS_ONNX, makeKey, makeTeam, makeUser, onnxForm, params, uid } from "@/lib/publishing/test-fixtures";
import { asOwner } from "@/test/databases";

// A small upload limit and a private artifact folder, so 413 and "nothing left behind" are checkable.
const ARTIFACTS = mkdtempSync(path.join(os.tmpdir(), "modelport-artifacts-"));
process.env.ARTIFACT_DIR = ARTIFACTS;
process.env.MODELPORT_MAX_ARTIFACT_BYTES = String(IRIS_ONNX.byteLength + 100);

const CAR_ONNX = readFileSync("prisma/seed-data/onnx/car-origin-classifier.onnx");
const PENGUIN_ONNX = readFileSync("prisma/seed-data/onnx/penguin-species-classifier.onnx");

const artifactFiles = () => {
  try {
    return readdirSync(ARTIFACTS);
  } catch {
    return [];
  }
};

type ErrorBody = { error: { code: string; message: string; details?: { pointer?: string; field?: string } } };

async function setup() {
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
    createModelInput.parse({ team: team.slug, name, displayName: "Iris", task: "tabular-classification", framework: "onnx" }),
  );
  const model = await db.model.findUniqueOrThrow({ where: { slug: `${team.slug}/${name}` } });
  const url = `/api/v1/models/${team.slug}/${name}/versions`;
  const post = (init: Parameters<typeof apiRequest>[2], query = "") =>
    addVersion(apiRequest(url + query, key, init), params({ owner: team.slug, name }));
  const state = async () => ({ versions: await db.modelVersion.count({ where: { modelId: model.id } }), files: artifactFiles().length });
  return { team, key, name, model, post, state };
}

const http = (version: string, extra: Record<string, unknown> = {}) => ({
  runtime: "http",
  version,
  endpointUrl: "https://models.example.test/predict",
  protocol: "generic",
  ...extra,
});

describe("POST /api/v1/models/{owner}/{name}/versions", () => {
  beforeAll(async () => {
    // Another version elsewhere may share the iris bytes; this file's folder starts empty.
    expect(artifactFiles()).toEqual([]);
  });

  it("uploads an ONNX version: schema derived from the graph, SHA-256 and size stored, file stored by content", async () => {
    const { post, model } = await setup();
    const res = await post({
      body: onnxForm({ version: "1.0.0", changelog: "First", exampleInput: JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] }) }),
    });
    expect(res.status).toBe(201);
    const v = (await res.json()) as {
      status: string;
      artifactSha256: string;
      artifactSize: number;
      inputSchema: Record<string, unknown>;
      onnx: unknown;
    };
    expect(v.status).toBe("draft");
    expect(v.onnx).toEqual({
      inputs: [{ name: "features", type: "float32", shape: ["N", 4] }],
      outputs: [
        { name: "probabilities", type: "float32", shape: ["N", 3] },
        { name: "label", type: "int64", shape: ["N"] },
      ],
    });
    expect(v.inputSchema).toMatchObject({
      type: "object",
      required: ["features"],
      properties: {
        features: { type: "array", minItems: 1, items: { type: "array", minItems: 4, maxItems: 4, items: { type: "number" } } },
      },
    });
    const row = await db.modelVersion.findFirstOrThrow({ where: { modelId: model.id } });
    expect(row.artifactSize).toBe(BigInt(IRIS_ONNX.byteLength));
    expect(artifactFiles()).toContain(`${v.artifactSha256}.onnx`);
    expect(row.outputSchema).toMatchObject({ properties: { label: { type: "array", items: { type: "integer" } } } });
    expect(await db.auditEvent.count({ where: { targetId: row.id, action: "version.create" } })).toBe(1);
  });

  it("dry run derives the schema and writes nothing", async () => {
    const { post, state } = await setup();
    const before = await state();
    const res = await post({ body: onnxForm({ version: "1.0.0" }) }, "?dryRun=true");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { onnx: { inputs: unknown[] } }).onnx.inputs).toHaveLength(1);
    expect(await state()).toEqual(before);
  });

  it("422 invalid_semver for a malformed version, with the reason", async () => {
    const { post, state } = await setup();
    const before = await state();
    const res = await post({ body: onnxForm({ version: "1.0" }) });
    expect(res.status).toBe(422);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe("invalid_semver");
    expect(err.error.message).toMatch(/MAJOR\.MINOR\.PATCH/);
    expect(await state()).toEqual(before);
  });

  it("422 when the version is lower than the latest, 409 when it already exists", async () => {
    const { post, state } = await setup();
    expect((await post({ json: http("1.2.0") })).status).toBe(201);
    const before = await state();
    for (const v of ["1.1.9", "1.2.0-rc.1"]) {
      const res = await post({ body: onnxForm({ version: v }) });
      expect(res.status).toBe(422);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.code).toBe("invalid_semver");
      expect(err.error.message).toContain("1.2.0");
    }
    for (const send of [() => post({ body: onnxForm({ version: "1.2.0" }) }), () => post({ json: http("1.2.0") })]) {
      const res = await send();
      expect(res.status).toBe(409);
      const err = (await res.json()) as ErrorBody;
      expect(err.error.code).toBe("conflict");
      expect(err.error.message).toContain("1.2.0 already exists");
    }
    expect(await state()).toEqual(before);
    expect((await post({ json: http("1.10.0") })).status).toBe(201);
  });

  it("422 with the JSON pointer when the example input does not match the derived schema", async () => {
    const { post, state } = await setup();
    const before = await state();
    const res = await post({ body: onnxForm({ version: "1.0.0", exampleInput: JSON.stringify({ features: [[5.1, 3.5, "x", 0.2]] }) }) });
    expect(res.status).toBe(422);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe("schema_validation_failed");
    expect(err.error.details?.pointer).toBe("/features/0/2");
    expect(err.error.message).toContain("/features/0/2");
    expect(await state()).toEqual(before);
  });

  it("422 with the pointer for an http version whose example breaks its own input schema", async () => {
    const { post, state } = await setup();
    const before = await state();
    const inputSchema = { type: "object", required: ["text"], properties: { text: { type: "string" } } };
    const res = await post({ json: http("1.0.0", { inputSchema, exampleInput: { text: 3 } }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.details?.pointer).toBe("/text");
    expect(await state()).toEqual(before);
  });

  it("422 invalid_artifact for a file that is not .onnx, or .onnx bytes that do not parse", async () => {
    const { post, state } = await setup();
    const before = await state();
    const wrongType = await post({ body: onnxForm({ version: "1.0.0" }, { bytes: IRIS_ONNX, name: "model.pkl" }) });
    expect(wrongType.status).toBe(422);
    expect(((await wrongType.json()) as ErrorBody).error.code).toBe("invalid_artifact");
    const garbage = await post({
      body: onnxForm({ version: "1.0.0" }, { bytes: new TextEncoder().encode("not a model at all"), name: "model.onnx" }),
    });
    expect(garbage.status).toBe(422);
    expect(((await garbage.json()) as ErrorBody).error).toMatchObject({
      code: "invalid_artifact",
      message: expect.stringContaining("not a valid ONNX model"),
    });
    expect(await state()).toEqual(before);
  });

  it("413 for a file over the limit", async () => {
    const { post, state } = await setup();
    const before = await state();
    const big = new Uint8Array(IRIS_ONNX.byteLength + 101);
    const res = await post({ body: onnxForm({ version: "1.0.0" }, { bytes: big, name: "big.onnx" }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("payload_too_large");
    expect(await state()).toEqual(before);
  });

  it("413 for a streamed body without Content-Length, without reading it all", async () => {
    const { post, state } = await setup();
    const before = await state();
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.onnx"\r\n\r\n'));
      },
      pull(controller) {
        // Endless: only a reader that stops at the limit lets this test finish.
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await post({ body, headers: { "content-type": "multipart/form-data; boundary=b" } });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(3_000_000);
    expect(await state()).toEqual(before);
  });

  it("removes the stored artifact when the database write fails", async () => {
    const { post, state, model } = await setup();
    const before = await state();
    // A real database failure for this test's rows only: a trigger that refuses one marked changelog.
    const marker = `fail-${uid()}`;
    await asOwner(
      `CREATE FUNCTION "refuse_${marker.replace("-", "_")}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused on purpose'; END $$`,
      `CREATE TRIGGER "refuse_${marker.replace("-", "_")}" BEFORE INSERT ON model_versions FOR EACH ROW WHEN (NEW.changelog = '${marker}') EXECUTE FUNCTION "refuse_${marker.replace("-", "_")}"()`,
    );
    try {
      const res = await post({ body: onnxForm({ version: "1.0.0", changelog: marker }, { bytes: CAR_ONNX, name: "car.onnx" }) });
      expect(res.status).toBe(500);
    } finally {
      await asOwner(
        `DROP TRIGGER "refuse_${marker.replace("-", "_")}" ON model_versions`,
        `DROP FUNCTION "refuse_${marker.replace("-", "_")}"()`,
      );
    }
    expect(await state()).toEqual(before);
    expect(artifactFiles().some((f) => f.startsWith(sha256Of(CAR_ONNX)))).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "version.create", after: { path: ["model"], equals: model.slug } } })).toBe(0);
  });

  it("serialises concurrent uploads of the same version: one draft, and no orphaned file", async () => {
    const { post, model } = await setup();
    const results = await Promise.all([
      post({ body: onnxForm({ version: "2.0.0" }) }),
      post({ body: onnxForm({ version: "2.0.0" }, { bytes: PENGUIN_ONNX, name: "penguin.onnx" }) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db.modelVersion.count({ where: { modelId: model.id } })).toBe(1);
    const shas = (await db.modelVersion.findMany({ where: { artifactSha256: { not: null } }, select: { artifactSha256: true } })).map(
      (v) => `${v.artifactSha256}.onnx`,
    );
    expect(artifactFiles().every((f) => shas.includes(f))).toBe(true);
  });

  it("422 for schemas the portal cannot evaluate safely or as written: backtracking patterns, other dialects", async () => {
    const { post, state } = await setup();
    const before = await state();
    const lookahead = await post({
      json: http("1.0.0", { inputSchema: { type: "object", properties: { pw: { type: "string", pattern: "^(?=.*\\d).{8,}$" } } } }),
    });
    expect(lookahead.status).toBe(422);
    const err = (await lookahead.json()) as ErrorBody;
    expect(err.error).toMatchObject({ code: "unprocessable", details: { field: "inputSchema" } });
    expect(err.error.message).toMatch(/linear time/);
    const draft07 = await post({
      json: http("1.0.0", { inputSchema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" } }),
    });
    expect(draft07.status).toBe(422);
    expect(((await draft07.json()) as ErrorBody).error.message).toMatch(/2020-12/);
    expect(await state()).toEqual(before);
  });

  it("refuses JSON for the onnx runtime and unknown content types", async () => {
    const { post } = await setup();
    expect((await post({ json: { runtime: "onnx", version: "1.0.0" } })).status).toBe(415);
    expect((await post({ body: "version=1", headers: { "content-type": "text/plain" } })).status).toBe(415);
  });

  it("403 for a key of another team", async () => {
    const { team, name } = await setup();
    const strangerKey = await makeKey((await makeTeam()).id);
    const res = await addVersion(
      apiRequest(`/api/v1/models/${team.slug}/${name}/versions`, strangerKey, { json: http("1.0.0") }),
      params({ owner: team.slug, name }),
    );
    expect(res.status).toBe(403);
  });
});
