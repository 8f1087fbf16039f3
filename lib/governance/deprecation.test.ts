import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { deprecateVersion } from "@/lib/governance/deprecate-version";
import { retireExpiredVersions } from "@/lib/governance/retire-expired-versions";
import { deprecateBody } from "@/lib/governance/schemas";
import { actor, auditCount, makeModel, makeUser, makeVersion } from "@/lib/governance/testing/factory";
import { AppError } from "@/lib/server/errors";

const DAY = 24 * 3600 * 1000;
const body = (days: number, replacementVersion?: string) =>
  deprecateBody.parse({
    sunsetAt: new Date(Date.now() + days * DAY).toISOString(),
    message: "Move to 2.0.0",
    ...(replacementVersion ? { replacementVersion } : {}),
  });

describe("deprecation and retirement", () => {
  it("the owning team's publisher deprecates with a sunset date and a replacement", async () => {
    const { model, team, ref } = await makeModel();
    const publisher = await makeUser("publisher", team.id);
    const old = await makeVersion(model.id, { status: "approved", version: "1.0.0" });
    await makeVersion(model.id, { status: "approved", version: "2.0.0" });
    const result = await deprecateVersion({
      user: publisher,
      actor: actor(publisher),
      ref: { ...ref, version: "1.0.0" },
      body: body(30, "2.0.0"),
    });
    expect(result).toMatchObject({ status: "deprecated", replacementVersion: "2.0.0", message: "Move to 2.0.0" });
    const row = await db.modelVersion.findUniqueOrThrow({ where: { id: old.id }, include: { replacementVersion: true } });
    expect(row.status).toBe("deprecated");
    expect(row.replacementVersion?.version).toBe("2.0.0");
    expect(row.sunsetAt?.getTime()).toBeGreaterThan(Date.now());
    expect(await auditCount(old.id)).toBe(1);
  });

  it("another team's publisher and consumers may not; a draft cannot be deprecated (409)", async () => {
    const { model, ref } = await makeModel();
    await makeVersion(model.id, { status: "approved", version: "1.0.0" });
    const draft = await makeVersion(model.id, { status: "draft", version: "1.1.0" });
    const stranger = await makeUser("publisher", (await makeModel()).team.id);
    const consumer = await makeUser("consumer");
    for (const who of [stranger, consumer]) {
      const e = (await deprecateVersion({ user: who, actor: actor(who), ref: { ...ref, version: "1.0.0" }, body: body(10) }).catch(
        (x: unknown) => x,
      )) as AppError;
      expect(e.status).toBe(403);
    }
    const reviewer = await makeUser("reviewer");
    const e = (await deprecateVersion({ user: reviewer, actor: actor(reviewer), ref: { ...ref, version: "1.1.0" }, body: body(10) }).catch(
      (x: unknown) => x,
    )) as AppError;
    expect(e.status).toBe(409);
    expect(e.details).toMatchObject({ currentStatus: "draft" });
    expect(await auditCount(draft.id)).toBe(0);
  });

  it("the sweeper retires versions after their sunset date, once, even with concurrent sweepers", async () => {
    const { model, ref } = await makeModel();
    const reviewer = await makeUser("reviewer");
    const due = await makeVersion(model.id, { status: "approved", version: "1.0.0" });
    const later = await makeVersion(model.id, { status: "approved", version: "1.1.0" });
    await makeVersion(model.id, { status: "approved", version: "2.0.0" });
    await deprecateVersion({ user: reviewer, actor: actor(reviewer), ref: { ...ref, version: "1.0.0" }, body: body(1, "2.0.0") });
    await deprecateVersion({ user: reviewer, actor: actor(reviewer), ref: { ...ref, version: "1.1.0" }, body: body(5) });
    const inTwoDays = new Date(Date.now() + 2 * DAY);
    const runs = await Promise.all([
      retireExpiredVersions({ now: inTwoDays }),
      retireExpiredVersions({ now: inTwoDays }),
      retireExpiredVersions({ now: inTwoDays }),
    ]);
    const retiredHere = runs.flat().filter((id) => id === due.id || id === later.id);
    expect(retiredHere).toEqual([due.id]);
    const rows = await db.modelVersion.findMany({
      where: { id: { in: [due.id, later.id] } },
      select: { id: true, status: true, retiredAt: true, replacementVersion: { select: { version: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(due.id)).toMatchObject({ status: "retired", replacementVersion: { version: "2.0.0" } });
    expect(byId.get(later.id)?.status).toBe("deprecated");
    const actions = (await db.auditEvent.findMany({ where: { targetId: due.id }, orderBy: { id: "asc" } })).map((a) => [
      a.action,
      a.actorLabel,
    ]);
    expect(actions).toEqual([
      ["version.deprecate", reviewer.email],
      ["version.retire", "system:sunset-sweeper"],
    ]);
  });
});
