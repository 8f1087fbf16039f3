import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { generateApiKey } from "../lib/auth/api-keys";
import { hashPassword } from "../lib/auth/password";
import { copyWith, query, trackCopies } from "./support";

// The Open Inference Protocol door on the built portal over real HTTP (through proxy.ts and the gateway door):
// a standard client's base URL {portal}/oip/{owner}, a Modelport key, the demo iris ONNX model.
const IRIS = path.resolve("prisma/seed-data/onnx/iris-classifier.onnx");

async function setup() {
  const s = randomBytes(4).toString("hex");
  const one = async (sql: string, params: unknown[]) => (await query<{ id: string }>(sql, params))[0].id;
  const bu = await one(`INSERT INTO business_units (id, slug, name, "costCenter") VALUES (gen_random_uuid(), $1, $1, $1) RETURNING id`, [
    `e2e-oip-${s}`,
  ]);
  const team = await one(`INSERT INTO teams (id, slug, name, "businessUnitId") VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`, [
    `oip-${s}`,
    bu,
  ]);
  const user = await one(
    `INSERT INTO users (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), $1, $1, 'consumer'::"Role", $2) RETURNING id`,
    [`con-${s}@e2e.local`, await hashPassword(`oip-${s}`)],
  );
  await query(`INSERT INTO team_members ("userId", "teamId") VALUES ($1, $2)`, [user, team]);
  const model = await one(
    `INSERT INTO models (id, "teamId", name, slug, "displayName", task, framework, "valuePerCallMicros", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'iris', $2, 'Iris', 'tabular-classification', 'onnx', 1000, now()) RETURNING id`,
    [team, `oip-${s}/iris`],
  );
  await query(
    `INSERT INTO model_versions (id, "modelId", version, major, minor, patch, status, runtime, "artifactPath", "costModel", "updatedAt")
     VALUES (gen_random_uuid(), $1, '1.0.0', 1, 0, 0, 'approved'::"VersionStatus", 'onnx', $2, '{"kind":"per_call","microsPerCall":10}', now())`,
    [model, IRIS],
  );
  const app = await one(`INSERT INTO apps (id, name, "teamId", "createdById") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [
    `oip-app-${s}`,
    team,
    user,
  ]);
  const key = generateApiKey();
  await query(
    `INSERT INTO api_keys (id, "appId", name, prefix, hash, scopes, "modelAllowlist", "createdById")
     VALUES (gen_random_uuid(), $1, 'oip', $2, $3, ARRAY['invoke'], ARRAY[]::uuid[], $4)`,
    [app, key.prefix, key.hash, user],
  );
  return { base: `/oip/oip-${s}/v2`, owner: `oip-${s}`, secret: key.secret, headers: { authorization: `Bearer ${key.secret}` } };
}

test("an OIP client reads metadata and readiness and infers over HTTP; errors come as {error}", async ({ request }) => {
  const { base, headers } = await setup();
  expect(await (await request.get(`${base}/health/ready`, { headers })).json()).toEqual({ ready: true });
  const meta = await request.get(`${base}/models/iris`, { headers });
  expect(meta.status()).toBe(200);
  expect(await meta.json()).toMatchObject({
    name: "iris",
    platform: "onnxruntime_onnx",
    inputs: [{ name: "features", datatype: "FP32", shape: [-1, 4] }],
  });
  expect(await (await request.get(`${base}/models/iris/versions/1.0.0/ready`, { headers })).json()).toEqual({ name: "iris", ready: true });

  const res = await request.post(`${base}/models/iris/infer`, {
    headers,
    data: { inputs: [{ name: "features", shape: [1, 4], datatype: "FP32", data: [4.8, 3.4, 1.6, 0.2] }], outputs: [{ name: "label" }] },
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    model_name: "iris",
    model_version: "1.0.0",
    outputs: [{ name: "label", shape: [1], datatype: "INT64", data: [0] }],
  });
  const requestId = res.headers()["x-request-id"];
  await expect
    .poll(
      async () =>
        (await query<{ channel: string }>(`SELECT channel::text FROM invocations WHERE "requestId" = $1`, [requestId]))[0]?.channel,
    )
    .toBe("oip");

  const bad = await request.post(`${base}/models/iris/infer`, {
    headers,
    data: { inputs: [{ name: "features", shape: [2, 4], datatype: "FP32", data: [1, 2, 3, 4] }] },
  });
  expect(bad.status()).toBe(400);
  expect(Object.keys((await bad.json()) as object)).toEqual(["error"]);
  const noKey = await request.get(`${base}/models/iris`);
  expect(noKey.status()).toBe(401);
  expect(Object.keys((await noKey.json()) as object)).toEqual(["error"]);
  const wrongMethod = await request.get(`${base}/models/iris/infer`, { headers });
  expect(wrongMethod.status()).toBe(405);
});

for (const width of [1280, 390]) {
  test(`a developer finds the OIP door in the docs and its copied curl example works (${width} px)`, async ({ page, baseURL }) => {
    const { owner, secret } = await setup();
    await page.setViewportSize({ width, height: 900 });
    await trackCopies(page.context());
    await page.goto("/docs/api");
    await page.getByRole("link", { name: "Open Inference Protocol" }).first().click();
    await expect(page.getByRole("heading", { name: "Open Inference Protocol (KServe V2)", level: 1 })).toBeVisible();
    await expect(page.getByText(`${baseURL}/oip/{owner}`).first()).toBeVisible();
    // Nothing on the page scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const copied = await copyWith(page, page.getByRole("button", { name: "Copy the curl example" }));
    const command = copied.replace("{owner}", owner).replace("{name}", "iris").replace("{version}", "1.0.0");
    const { stdout } = await promisify(execFile)("bash", ["-c", command], {
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", MODELPORT_API_KEY: secret },
    });
    const answer = JSON.parse(stdout) as { model_name: string; outputs: { name: string; datatype: string; data: number[] }[] };
    expect(answer.model_name).toBe("iris");
    expect(answer.outputs.find((o) => o.name === "label")).toMatchObject({ datatype: "INT64", data: [0] });
    const [row] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM invocations i JOIN models m ON m.id = i."modelId" WHERE m.slug = $1 AND i.channel = 'oip' AND i."statusCode" = 200`,
      [`${owner}/iris`],
    );
    expect(row.n).toBe(1);
  });
}
