import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody } from "@/lib/governance/schemas";
import { actor, auditCount, makeModel, makeUser, makeVersion } from "@/lib/governance/testing/factory";
import { AppError } from "@/lib/server/errors";

const approve = reviewBody.parse({ decision: "approve", comment: "" });
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

async function setup(opts: { risk?: "low" | "high" | null; complete?: boolean; ran?: boolean; valid?: boolean } = {}) {
  const { model, ref, team } = await makeModel({ risk: opts.risk === undefined ? "low" : opts.risk, complete: opts.complete });
  const publisher = await makeUser("publisher", team.id);
  const v = await makeVersion(model.id, { createdById: publisher.id, submittedById: publisher.id, ran: opts.ran, valid: opts.valid });
  return { model, publisher, v, ref: { ...ref, version: v.version } };
}

const review = (
  reviewer: { id: string; email: string; role: Role },
  ref: { owner: string; name: string; version: string },
  body = approve,
) => reviewVersion({ reviewer, actor: actor(reviewer), ref, body });

describe("reviewing a version", () => {
  it("approves when the checklist passes and writes one audit event", async () => {
    const { v, ref } = await setup();
    const reviewer = await makeUser("reviewer");
    const result = await review(reviewer, ref);
    expect(result).toMatchObject({ status: "approved", approvals: 1, approvalsRequired: 1 });
    expect(result.checklist.every((i) => i.ok)).toBe(true);
    const row = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(row).toMatchObject({ status: "approved", approvedById: reviewer.id });
    const events = await db.auditEvent.findMany({ where: { targetId: v.id } });
    expect(events.map((e) => e.action)).toEqual(["version.approve"]);
    expect(events[0].actorId).toBe(reviewer.id);
  });

  it("rejects with a comment, and a rejection without one is invalid", async () => {
    expect(reviewBody.safeParse({ decision: "reject", comment: "  " }).success).toBe(false);
    const { v, ref } = await setup({ complete: false });
    const reviewer = await makeUser("reviewer");
    const result = await review(reviewer, ref, reviewBody.parse({ decision: "reject", comment: "Add an evaluation section." }));
    expect(result.status).toBe("rejected");
    const stored = await db.review.findFirstOrThrow({ where: { versionId: v.id } });
    expect(stored).toMatchObject({ decision: "reject", comment: "Add an evaluation section.", reviewerId: reviewer.id });
  });

  it("blocks approval with the list of missing checklist items, leaving nothing behind", async () => {
    const { v, ref } = await setup({ complete: false, risk: null, ran: false, valid: false });
    const reviewer = await makeUser("reviewer");
    const error = await review(reviewer, ref).catch((e: unknown) => e);
    expect(codeOf(error)).toBe("checklist_incomplete");
    const missing = ((error as AppError).details?.missing as { key: string }[]).map((m) => m.key).sort();
    expect(missing).toEqual(
      [
        "business_owner",
        "card_evaluation",
        "card_intended_use",
        "card_limitations",
        "card_training_data",
        "example_runs",
        "example_valid",
        "license",
        "risk_level",
      ].sort(),
    );
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("pending_review");
    expect(await db.review.count({ where: { versionId: v.id } })).toBe(0);
    expect(await auditCount(v.id)).toBe(0);
  });

  it("refuses self-approval by the creator and by the submitter, even an admin", async () => {
    const { model, team } = await makeModel();
    const creator = { ...(await makeUser("admin", team.id)), role: "admin" as const };
    const submitter = { ...(await makeUser("reviewer", team.id)), role: "reviewer" as const };
    const v = await makeVersion(model.id, { createdById: creator.id, submittedById: submitter.id });
    const ref = { owner: team.slug, name: model.name, version: v.version };
    for (const who of [creator, submitter]) expect(codeOf(await review(who, ref).catch((e: unknown) => e))).toBe("self_approval");
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("pending_review");
    expect(await auditCount(v.id)).toBe(0);
  });

  it("a publisher cannot review at all", async () => {
    const { ref } = await setup();
    const publisher = await makeUser("publisher");
    expect(codeOf(await review({ ...publisher, role: "publisher" }, ref).catch((e: unknown) => e))).toBe("forbidden");
  });

  it("a high-risk model needs two approvals from different reviewers", async () => {
    const { v, ref } = await setup({ risk: "high" });
    const [first, second] = [await makeUser("reviewer"), await makeUser("reviewer")];
    expect(await review(first, ref)).toMatchObject({ status: "pending_review", approvals: 1, approvalsRequired: 2 });
    expect(codeOf(await review(first, ref).catch((e: unknown) => e))).toBe("conflict");
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).status).toBe("pending_review");
    expect(await review(second, ref)).toMatchObject({ status: "approved", approvals: 2 });
    const actions = (await db.auditEvent.findMany({ where: { targetId: v.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["version.approve_partial", "version.approve"]);
  });

  it("concurrent reviews of the same version cannot both win", async () => {
    const { v, ref } = await setup();
    const reviewers = await Promise.all([makeUser("reviewer"), makeUser("reviewer"), makeUser("reviewer")]);
    const results = await Promise.allSettled([
      review(reviewers[0], ref),
      review(reviewers[1], ref, reviewBody.parse({ decision: "reject", comment: "no" })),
      review(reviewers[2], ref),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(codeOf(r.reason)).toBe("invalid_transition");
    expect(await db.review.count({ where: { versionId: v.id } })).toBe(1);
    expect(await auditCount(v.id)).toBe(1);
  });

  it("reviewing a version that is not pending review is a 409 naming the current state", async () => {
    const { model } = await makeModel();
    const v = await makeVersion(model.id, { status: "approved" });
    const ref = { owner: (await db.team.findUniqueOrThrow({ where: { id: model.teamId } })).slug, name: model.name, version: v.version };
    const error = (await review(await makeUser("reviewer"), ref).catch((e: unknown) => e)) as AppError;
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ currentStatus: "approved" });
  });
});

describe("the audit trail", () => {
  it("a change that fails after its audit row was written leaves no audit row", async () => {
    const targetId = `t-${Math.random()}`;
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { id: null, label: "test" }, { action: "test.change", targetType: "test", targetId });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await auditCount(targetId)).toBe(0);
  });

  // The portal's role may not even try (lib/server/db-roles.ts); the trigger that stops the owner is tested in lib/server/migrate.test.ts.
  it("refuses UPDATE and DELETE of audit events", async () => {
    const targetId = `t-${Math.random()}`;
    await recordAudit(db, { id: null, label: "test" }, { action: "test.change", targetType: "test", targetId });
    await expect(db.$executeRawUnsafe(`UPDATE audit_events SET action = 'x' WHERE "targetId" = $1`, targetId)).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_events WHERE "targetId" = $1`, targetId)).rejects.toThrow(/permission denied/);
    expect(await auditCount(targetId)).toBe(1);
  });
});
