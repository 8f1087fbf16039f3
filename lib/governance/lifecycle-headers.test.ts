import { describe, expect, it } from "vitest";
import { assertModelAccess } from "@/lib/governance/check-model-access";
import { deprecationHeaders, retiredVersionError } from "@/lib/governance/lifecycle-headers";
import { db } from "@/lib/db";
import { makeAppWithKey, makeModel, makeTeam } from "@/lib/governance/testing/factory";

describe("lifecycle facts for the gateway", () => {
  it("a deprecated version answers Deprecation, Sunset and a successor Link; others nothing", () => {
    const v = { version: "1.0.0", status: "deprecated", deprecatedAt: new Date("2026-01-01T00:00:00Z"), sunsetAt: new Date("2026-03-01T00:00:00Z"), replacementVersion: "2.0.0" };
    expect(deprecationHeaders(v, "/api/v1/models/a/b")).toEqual({
      Deprecation: "@1767225600",
      Sunset: "Sun, 01 Mar 2026 00:00:00 GMT",
      Link: '</api/v1/models/a/b/versions/2.0.0/invoke>; rel="successor-version"',
    });
    expect(deprecationHeaders({ ...v, status: "approved" })).toEqual({});
  });

  it("a retired version is 410 naming the replacement", () => {
    const e = retiredVersionError({ version: "1.0.0", replacementVersion: "2.0.0" });
    expect(e.status).toBe(410);
    expect(e.message).toContain("2.0.0");
  });

  it("gated models need an unrevoked grant for the calling app", async () => {
    const { model } = await makeModel({ visibility: "gated" });
    const { app } = await makeAppWithKey((await makeTeam()).id);
    const check = () => assertModelAccess({ modelId: model.id, visibility: "gated", modelSlug: model.slug, appId: app.id });
    await expect(check()).rejects.toMatchObject({ status: 403, code: "access_not_granted" });
    const grant = await db.accessGrant.create({ data: { modelId: model.id, appId: app.id } });
    await expect(check()).resolves.toBeUndefined();
    await db.accessGrant.update({ where: { id: grant.id }, data: { revokedAt: new Date() } });
    await expect(check()).rejects.toMatchObject({ status: 403 });
    await expect(assertModelAccess({ modelId: model.id, visibility: "public", modelSlug: model.slug, appId: null })).resolves.toBeUndefined();
  });
});
