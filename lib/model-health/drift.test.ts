import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createAppWithKey } from "@/lib/gateway/test-fixtures";
import { flushCaptures } from "@/lib/model-health/capture-buffer";
import { foldCaptures } from "@/lib/model-health/fold-captures";
import { evaluateAlerts } from "@/lib/model-health/alerts/evaluate-alerts";
import { getVersionHealth } from "@/lib/model-health/get-version-health";
import { maxFeaturePsi } from "@/lib/model-health/max-feature-psi";
import { buildReferencesFromCaptures } from "@/lib/model-health/reference-from-captures";
import { invokeIris as invokeWith, irisVersion, principalFor } from "@/lib/model-health/test-helpers";
import { db } from "@/lib/server/db";

const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route");
const { POST: uploadRoute } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/reference/route");
const { GET: healthRoute } = await import("@/app/api/v1/models/[owner]/[name]/versions/[version]/health/route");

const IRIS_CSV = readFileSync("data/datasets/iris.csv", "utf8");
const FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
const irisRows = IRIS_CSV.trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",").slice(0, 4).map(Number));

/** A deterministic sample (with replacement) of the reference rows: the same draw on every run. */
function sample(n: number, seed = 7): number[][] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return irisRows[s % irisRows.length].slice();
  });
}

type Target = Awaited<ReturnType<typeof irisVersion>>;

async function upload(target: Target, secret: string, body: string, contentType = "text/csv") {
  const path = `/api/v1/models/${target.owner}/${target.name}/versions/1.0.0/reference?fileName=iris.csv`;
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": contentType },
    body,
  });
  const res = await uploadRoute(req, { params: Promise.resolve({ owner: target.owner, name: target.name, version: "1.0.0" }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

async function publishKey(target: Target) {
  return (await createAppWithKey({ teamId: target.team.id, scopes: ["publish", "read"], creatorRole: "publisher" })).secret;
}

async function callInBatches(target: Target, rows: number[][], perCall = 10) {
  for (let i = 0; i < rows.length; i += perCall) {
    const res = await invokeWith(invoke, target, rows.slice(i, i + perCall));
    expect(res.status).toBe(200);
  }
  await flushCaptures();
  await foldCaptures();
}

describe("reference profiles, drift and data quality", () => {
  it("profiles iris.csv (inputs from its columns, outputs from running the ONNX version) and audits it", async () => {
    const v = await irisVersion({ captureRate: 1 });
    const res = await upload(v, await publishKey(v), IRIS_CSV);
    expect(res.status).toBe(201);
    expect(res.body.rowCount).toBe(150);
    expect(res.body.ignoredColumns).toEqual(["species"]);
    const features = res.body.features as { key: string; type: string; binCounts?: number[]; categories?: Record<string, number> }[];
    expect(features.map((f) => f.key)).toEqual([...FEATURES.map((f) => `input:${f}`), "output:probabilities.max", "output:label"]);
    const label = features.find((f) => f.key === "output:label")!;
    expect(label.type).toBe("categorical");
    // The seeded model is right on nearly all of iris: about 50 of each class.
    for (const species of ["setosa", "versicolor", "virginica"]) expect(label.categories![species]).toBeGreaterThan(40);
    expect(features[0].binCounts!.reduce((a, b) => a + b, 0)).toBe(150);
    expect(await db.auditEvent.count({ where: { targetId: v.version.id, action: "version.reference" } })).toBe(1);
  });

  it("calls drawn from the reference stay below PSI 0.2; one feature moved by 5 standard deviations rises above it, alone", async () => {
    const v = await irisVersion({ captureRate: 1 });
    expect((await upload(v, await publishKey(v), IRIS_CSV)).status).toBe(201);
    const t0 = new Date(Date.now() - 60_000);
    await callInBatches(v, sample(300));
    const t1 = new Date(Date.now() + 3_600_000);
    const owner = principalFor(v.publisher, [v.team.id]);
    const calm = await getVersionHealth(owner, v.ref, { from: t0, to: t1 });
    const calmInputs = calm.drift.filter((d) => d.role === "input");
    expect(calmInputs.map((d) => d.n)).toEqual([300, 300, 300, 300]);
    for (const d of calmInputs) expect(d.value!).toBeLessThan(0.2);
    expect(calm.violations).toEqual([]);
    expect((await maxFeaturePsi(v.version.id, t0, t1))!.psi).toBeLessThan(0.2);

    // A second version of the same model, same reference, fed inputs whose sepal_width moved by 5 σ.
    const shifted = await irisVersion({ captureRate: 1 });
    expect((await upload(shifted, await publishKey(shifted), IRIS_CSV)).status).toBe(201);
    const std = Math.sqrt(irisRows.reduce((s, r) => s + (r[1] - 3.057) ** 2, 0) / irisRows.length);
    await callInBatches(
      shifted,
      sample(300).map((r) => [r[0], r[1] + 5 * std, r[2], r[3]]),
    );
    const health = await getVersionHealth(principalFor(shifted.publisher, [shifted.team.id]), shifted.ref, { from: t0, to: t1 });
    const byName = Object.fromEntries(health.drift.filter((d) => d.role === "input").map((d) => [d.feature, d.value!]));
    expect(byName.sepal_width).toBeGreaterThan(0.2);
    for (const f of ["sepal_length", "petal_length", "petal_width"]) expect(byName[f]).toBeLessThan(0.2);
    // On the inputs only sepal_width leaves the reference's range (the model's scores may follow it).
    const inputViolations = health.violations.filter((x) => x.role === "input");
    expect(new Set(inputViolations.map((x) => `${x.feature}:${x.check}`))).toEqual(new Set(["sepal_width:out_of_range"]));
    const hourly = health.drift.find((d) => d.feature === "sepal_width")!.hourly;
    expect(hourly.at(-1)!.value!).toBeGreaterThan(0.2);
    expect(await maxFeaturePsi(shifted.version.id, t0, t1)).toMatchObject({ feature: "sepal_width" });

    // The alerts job opens a drift alert on the shifted version and none on the calm one; the health answer lists it.
    await evaluateAlerts();
    const driftAlerts = await db.modelAlert.findMany({
      where: { rule: "drift_psi", versionId: { in: [v.version.id, shifted.version.id] } },
    });
    expect(driftAlerts.map((a) => [a.versionId, a.resolvedAt])).toEqual([[shifted.version.id, null]]);
    expect(driftAlerts[0].figure).toBeGreaterThan(0.2);
    const after = await getVersionHealth(principalFor(shifted.publisher, [shifted.team.id]), shifted.ref, { from: t0, to: t1 });
    expect(after.alerts!.map((a) => [a.rule, a.status])).toEqual([["drift_psi", "open"]]);
  });

  it("answers GET …/health through its route for a key of the owning team, in the public shape", async () => {
    const v = await irisVersion({ captureRate: 1 });
    const path = `/api/v1/models/${v.owner}/${v.name}/versions/1.0.0/health`;
    const res = await healthRoute(new NextRequest(`http://localhost${path}`, { headers: { authorization: `Bearer ${v.secret}` } }), {
      params: Promise.resolve({ owner: v.owner, name: v.name, version: "1.0.0" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reference: unknown; capture: { captureRate: number }; drift: unknown[] };
    expect(body).toMatchObject({ reference: null, capture: { captureRate: 1 }, drift: [] });
  });

  it("bad uploads answer 422 (or 415) and store nothing", async () => {
    const v = await irisVersion();
    const secret = await publishKey(v);
    const header = "sepal_length,sepal_width,petal_length,petal_width";
    const cases: [string, string, number, RegExp][] = [
      [`${header}\n5.1,3.5,1.4\n`, "text/csv", 422, /Line 2: 3 cells/],
      [`${header}\n5.1,3.5,1.4,0.2\n5.0,wide,1.4,0.2\n`, "text/csv", 422, /Line 3: sepal_width is not a number/],
      ["sepal_length,sepal_width\n5.1,3.5\n", "text/csv", 422, /lacks the input columns petal_length, petal_width/],
      [`${header}\n`, "text/csv", 422, /no rows/],
      [
        '{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}\n{oops\n',
        "application/jsonl",
        422,
        /Line 2: not valid JSON/,
      ],
      [`${header}\n5.1,3.5,1.4,0.2\n`, "application/pdf", 415, /text\/csv or application\/jsonl/],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await upload(v, secret, body, type);
      expect(res.status, body).toBe(status);
      expect(res.body.error!.message).toMatch(message);
    }
    expect(await db.referenceProfile.count({ where: { versionId: v.version.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: v.version.id, action: "version.reference" } })).toBe(0);
    // Another team's publisher sees the (public) model but may not set its reference; a consumer's key has no publish scope.
    const other = await createAppWithKey({ scopes: ["publish"], creatorRole: "publisher" });
    expect((await upload(v, other.secret, `${header}\n5.1,3.5,1.4,0.2\n`)).status).toBe(403);
    expect((await upload(v, v.secret, `${header}\n5.1,3.5,1.4,0.2\n`)).status).toBe(403);
    expect(await db.referenceProfile.count({ where: { versionId: v.version.id } })).toBe(0);
  });

  it("completes an uploaded reference without outputs from the first N captured calls", async () => {
    const v = await irisVersion({ captureRate: 1 });
    const inputsOnly = (await upload(v, await publishKey(v), IRIS_CSV)).body.features as { role: string }[];
    // As an HTTP version's upload would be: the inputs profiled, no outputs (the model is not called for them).
    await db.referenceProfile.update({
      where: { versionId: v.version.id },
      data: { features: inputsOnly.filter((f) => f.role === "input") },
    });
    for (const row of sample(10)) await invokeWith(invoke, v, [row]);
    await flushCaptures();
    expect(await buildReferencesFromCaptures({ count: 10 })).toContain(v.version.id);
    const ref = await db.referenceProfile.findUniqueOrThrow({ where: { versionId: v.version.id } });
    expect(ref).toMatchObject({ source: "upload", fileName: "iris.csv", rowCount: 150 });
    expect((ref.features as { key: string }[]).map((f) => f.key)).toEqual([
      ...FEATURES.map((f) => `input:${f}`),
      "output:label",
      "output:probabilities.max",
    ]);
    expect(await buildReferencesFromCaptures({ count: 10 })).not.toContain(v.version.id);
  });

  it("builds the reference from the first N captured calls when none was uploaded", async () => {
    const v = await irisVersion({ captureRate: 1 });
    for (const row of sample(5)) await invokeWith(invoke, v, [row]);
    await flushCaptures();
    expect(await buildReferencesFromCaptures({ count: 10 })).not.toContain(v.version.id);
    for (const row of sample(5, 11)) await invokeWith(invoke, v, [row]);
    await flushCaptures();
    expect(await buildReferencesFromCaptures({ count: 10 })).toContain(v.version.id);
    const ref = await db.referenceProfile.findUniqueOrThrow({ where: { versionId: v.version.id } });
    expect(ref).toMatchObject({ source: "captures", rowCount: 10 });
    expect((ref.features as { key: string }[]).map((f) => f.key)).toContain("input:petal_length");
  });
});
