// The usage, ROI and chargeback routes called with an API key: scoped like the key creator's own session (a
// publisher of the team sees its apps' calls), CSV totals equal to the JSON statement, and the public error
// shape for bad input and missing scope.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { db, kdb, pool } from "@/lib/server/db";
import { generateApiKey } from "@/lib/auth/api-keys";
import { writeInvocationBatch } from "@/lib/usage/recorder/write-batch";
import { flushRollups } from "@/lib/usage/rollups/rollup-worker";
import { GET as usageGET } from "@/app/api/v1/usage/route";
import { GET as roiGET } from "@/app/api/v1/roi/route";
import { GET as chargebackGET } from "@/app/api/v1/chargeback/route";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

const tag = randomBytes(4).toString("hex");
const keys: Record<string, string> = {};
const at = new Date(Date.UTC(2026, 4, 10, 12, 30));

const call = (handler: typeof usageGET, url: string, key?: string) =>
  handler(new NextRequest(`http://localhost${url}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), {
    params: Promise.resolve({}),
  });

beforeAll(async () => {
  const bu = await db.businessUnit.create({ data: { slug: `rt-${tag}`, name: `Routes ${tag}`, costCenter: `RT-${tag}` } });
  const team = await db.team.create({ data: { slug: `rt-${tag}`, name: "RT", businessUnitId: bu.id } });
  const model = await db.model.create({
    data: { teamId: team.id, name: `m-${tag}`, slug: `rt-${tag}/m-${tag}`, displayName: "M", task: "t", framework: "onnx" },
  });
  const version = await db.modelVersion.create({
    data: {
      modelId: model.id,
      version: "1.0.0",
      major: 1,
      minor: 0,
      patch: 0,
      status: "approved",
      runtime: "onnx",
      costModel: { kind: "per_call", microsPerCall: 3 },
    },
  });
  for (const name of ["mine", "other"]) {
    const creator = await db.user.create({
      data: { email: `${name}-${tag}@test.local`, name, role: name === "mine" ? "publisher" : "consumer" },
    });
    await db.teamMember.create({ data: { userId: creator.id, teamId: team.id } });
    const app = await db.app.create({ data: { name: `${name}-${tag}`, teamId: team.id, createdById: creator.id } });
    const key = generateApiKey();
    await db.apiKey.create({
      data: {
        appId: app.id,
        name,
        prefix: key.prefix,
        hash: key.hash,
        scopes: name === "mine" ? ["invoke", "usage:read"] : ["invoke"],
        createdById: creator.id,
      },
    });
    keys[name] = key.secret;
    const n = name === "mine" ? 3 : 5;
    // Recorded and folded the way the gateway's calls are.
    await writeInvocationBatch(
      pool(),
      Array.from({ length: n }, (_, i) => ({
        at,
        requestId: `${tag}-${name}-${i}`,
        modelId: model.id,
        versionId: version.id,
        appId: app.id,
        apiKeyId: null,
        userId: null,
        channel: "api" as const,
        statusCode: 200,
        errorCode: null,
        gatewayMs: 1,
        upstreamMs: 10,
        bytesIn: 0,
        bytesOut: 0,
        tokensIn: null,
        tokensOut: null,
        costMicros: 1_234_567n,
        valueMicros: 2_000_001n,
      })),
    );
  }
  await flushRollups(kdb());
});

afterAll(async () => {
  await db.$disconnect();
});

describe("usage routes with an API key", () => {
  it("GET /api/v1/usage sees what the key's creator sees: the calls of their team's apps", async () => {
    const res = await call(usageGET, `/api/v1/usage?from=2026-05-10T12:00:00Z&to=2026-05-10T13:00:00Z&groupBy=app`, keys.mine);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.totals.calls).toBe(8);
    expect(body.groups.map((g: { label: string }) => g.label).sort()).toEqual([`mine-${tag}`, `other-${tag}`]);
  });

  it("GET /api/v1/roi returns ROI = (value − cost) / cost", async () => {
    const res = await call(roiGET, `/api/v1/roi?from=2026-05-10&to=2026-05-11&groupBy=model`, keys.mine);
    const body = await res.json();
    expect(body.totals).toMatchObject({ calls: 8, costMicros: 8 * 1_234_567, valueMicros: 8 * 2_000_001 });
    expect(body.totals.roi).toBeCloseTo((2_000_001 - 1_234_567) / 1_234_567, 12);
  });

  it("GET /api/v1/chargeback?format=csv has exact micros whose totals equal the JSON statement", async () => {
    const json = await (await call(chargebackGET, `/api/v1/chargeback?month=2026-05&businessUnit=rt-${tag}`, keys.mine)).json();
    const res = await call(chargebackGET, `/api/v1/chargeback?month=2026-05&businessUnit=rt-${tag}&format=csv`, keys.mine);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text())
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    const total = lines.find((l) => l[2] === "TOTAL")!;
    expect(total.slice(4, 9)).toEqual([
      String(json.statements[0].totals.calls),
      String(json.statements[0].totals.costMicros),
      String(json.statements[0].totals.valueMicros),
      "9.876536",
      "16.000008",
    ]);
  });

  it("answers bad input and missing scope in the public error shape", async () => {
    const bad = await call(chargebackGET, `/api/v1/chargeback?month=2026-13`, keys.mine);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("validation_failed");
    const reversed = await call(usageGET, `/api/v1/usage?from=2026-05-11&to=2026-05-10`, keys.mine);
    expect(reversed.status).toBe(400);
    const noScope = await call(usageGET, `/api/v1/usage`, keys.other);
    expect(noScope.status).toBe(403);
    expect((await noScope.json()).error.code).toBe("insufficient_scope");
  });
});

describe("usage routes with a session", () => {
  it("ask a session for usage:read as they ask a key: a consumer gets 403, a publisher the figures", async () => {
    const urls = ["/api/v1/usage", "/api/v1/roi", "/api/v1/chargeback?month=2026-05"];
    const handlers = [usageGET, roiGET, chargebackGET];
    const statuses = async (role: SessionUser["role"]) => {
      sessionUser = { id: `s-${tag}`, email: `s-${tag}@test.local`, name: "S", role, teamIds: [] };
      return Promise.all(handlers.map(async (handler, i) => (await call(handler, urls[i])).status));
    };
    try {
      expect(await statuses("consumer")).toEqual([403, 403, 403]);
      expect(await statuses("publisher")).toEqual([200, 200, 200]);
    } finally {
      sessionUser = null;
    }
  });
});
