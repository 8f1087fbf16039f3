import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import type { VersionStatus } from "@/lib/generated/prisma/enums";
import { makeModel, makeVersion } from "@/lib/governance/testing/factory";
import { TRANSITIONS, canTransition, transitionVersion } from "@/lib/version-lifecycle/version-state";
import { AppError } from "@/lib/server/errors";

const STATUSES: VersionStatus[] = ["draft", "pending_review", "approved", "rejected", "deprecated", "retired"];
const LEGAL = new Set([
  "draft>pending_review",
  "pending_review>approved",
  "pending_review>rejected",
  "approved>deprecated",
  "deprecated>retired",
]);
const pairs = STATUSES.flatMap((from) =>
  STATUSES.filter((to) => to !== from).map((to) => ({ from, to, legal: LEGAL.has(`${from}>${to}`) })),
);

describe("version lifecycle", () => {
  it("the table is exactly the documented lifecycle", () => {
    for (const { from, to, legal } of pairs) expect(canTransition(from, to), `${from} → ${to}`).toBe(legal);
    expect(Object.values(TRANSITIONS).flat()).toHaveLength(LEGAL.size);
  });

  it.each(pairs)("transitionVersion $from → $to (legal: $legal)", async ({ from, to, legal }) => {
    const { model } = await makeModel();
    const v = await makeVersion(model.id, { status: from, ran: false });
    const attempt = transitionVersion(db, v.id, to);
    if (legal) {
      await expect(attempt).resolves.toEqual({ from });
    } else {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).details).toMatchObject({ currentStatus: from, requestedStatus: to });
    }
    const after = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id }, select: { status: true } });
    expect(after.status).toBe(legal ? to : from);
  });

  it.each(pairs)("the database trigger allows $from → $to only when legal ($legal)", async ({ from, to, legal }) => {
    const { model } = await makeModel();
    const v = await makeVersion(model.id, { status: from, ran: false });
    const write = db.$executeRawUnsafe(`UPDATE model_versions SET status = $1::"VersionStatus" WHERE id = $2::uuid`, to, v.id);
    if (legal) await expect(write).resolves.toBe(1);
    else await expect(write).rejects.toThrow(/illegal version status transition/);
    const after = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id }, select: { status: true } });
    expect(after.status).toBe(legal ? to : from);
  });

  it("two concurrent transitions from the same state: exactly one wins", async () => {
    const { model } = await makeModel();
    const v = await makeVersion(model.id, { status: "pending_review", ran: false });
    const results = await Promise.allSettled([transitionVersion(db, v.id, "approved"), transitionVersion(db, v.id, "rejected")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });
});
