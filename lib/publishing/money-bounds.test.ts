// Issue 13 (High 4): a price of 2^53 − 1 micros per 1k tokens, times an upstream's 600,000 tokens, overflowed the
// roll-ups' bigint. Every money input is bounded where it enters: at publish (cost models, value per call) and on
// the admins' hardware rates — at most 10^12 micros (1,000,000 currency units).
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { POST as createModelRoute } from "@/app/api/v1/models/route";
import { POST as addVersion } from "@/app/api/v1/models/[owner]/[name]/versions/route";
import { db } from "@/lib/server/db";
import { apiRequest, makeKey, makeTeam, makeUser, params, uid } from "@/lib/publishing/test-fixtures";
import { createHardwareRate } from "@/lib/usage/create-hardware-rate";
import { MAX_PRICE_MICROS } from "@/lib/usage/compute-cost";

type ErrorBody = { error: { code: string; message: string; requestId: string } };

async function model() {
  const team = await makeTeam();
  const key = await makeKey(team.id);
  const name = `m-${uid()}`;
  const res = await createModelRoute(
    apiRequest("/api/v1/models", key, { json: { name, displayName: "Chat", task: "chat", framework: "openai" } }),
    params({}),
  );
  expect(res.status).toBe(201);
  const post = (costModel: unknown, version: string) =>
    addVersion(
      apiRequest(`/api/v1/models/${team.slug}/${name}/versions`, key, {
        json: { runtime: "http", version, endpointUrl: "https://models.example.test/v1", protocol: "openai", costModel },
      }),
      params({ owner: team.slug, name }),
    );
  return { team, key, post, versions: () => db.modelVersion.count({ where: { model: { slug: `${team.slug}/${name}` } } }) };
}

describe("money bounds", () => {
  it("refuses a cost model priced beyond 10^12 micros, whatever its kind, and writes nothing", async () => {
    const m = await model();
    for (const costModel of [
      { kind: "tokens", inputMicrosPer1k: Number.MAX_SAFE_INTEGER, outputMicrosPer1k: 0 },
      { kind: "tokens", inputMicrosPer1k: 1, outputMicrosPer1k: MAX_PRICE_MICROS + 1 },
      { kind: "per_call", microsPerCall: MAX_PRICE_MICROS + 1 },
    ]) {
      const res = await m.post(costModel, "1.0.0");
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.message).toMatch(/at most 1,000,000,000,000 micro-units/);
      expect(body.error.requestId).toBeTruthy();
    }
    expect(await m.versions()).toBe(0);
    // The bound itself is a valid price.
    expect(
      (await m.post({ kind: "tokens", inputMicrosPer1k: MAX_PRICE_MICROS, outputMicrosPer1k: MAX_PRICE_MICROS }, "1.0.0")).status,
    ).toBe(201);
    expect(await m.versions()).toBe(1);
  });

  it("refuses a value per call beyond the bound", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id);
    const name = `m-${uid()}`;
    const res = await createModelRoute(
      apiRequest("/api/v1/models", key, {
        json: { name, displayName: "M", task: "t", framework: "onnx", valuePerCallMicros: MAX_PRICE_MICROS + 1 },
      }),
      params({}),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("validation_failed");
    expect(await db.model.count({ where: { slug: `${team.slug}/${name}` } })).toBe(0);
  });

  it("refuses a hardware rate beyond 1,000,000 currency units an hour", async () => {
    const admin = await makeUser("admin", []);
    const hardwareClass = `gpu-${uid()}`;
    await expect(
      createHardwareRate({
        actor: { id: admin.id, label: admin.email },
        data: { hardwareClass, hourlyRate: "1000000.01", effectiveFrom: "2027-01-01T00:00:00Z" },
      }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await db.hardwareRate.count({ where: { hardwareClass } })).toBe(0);
    const ok = await createHardwareRate({
      actor: { id: admin.id, label: admin.email },
      data: { hardwareClass, hourlyRate: "1000000", effectiveFrom: "2027-01-01T00:00:00Z" },
    });
    expect(ok.hourlyRateMicros).toBe(BigInt(MAX_PRICE_MICROS));
  });
});
