import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { commentOnVersion } from "@/lib/governance/comment-on-version";
import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody } from "@/lib/governance/schemas";
import { makeAppWithKey, makeModel, makeUser, makeVersion } from "@/lib/governance/testing/factory";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { submitVersion } from "@/lib/publishing/submit-version";

const asActor = (u: { id: string; email: string }) => ({ id: u.id, label: u.email });
const kindsFor = async (userId: string, versionId: string) =>
  (await db.notification.findMany({ where: { recipientId: userId, versionId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);

async function submitted(risk: "low" | "high" = "low") {
  const { model, team, ref } = await makeModel({ risk });
  const publisher = await makeUser("publisher", team.id);
  const v = await makeVersion(model.id, { status: "draft", createdById: publisher.id });
  const reviewers = [await makeUser("reviewer"), await makeUser("reviewer")];
  await submitVersion(
    { publisher: { kind: "user", userId: publisher.id, role: "publisher", teamIds: [team.id] }, actor: asActor(publisher) },
    ref.owner,
    ref.name,
    v.version,
  );
  return { model, team, ref: { ...ref, version: v.version }, v, publisher, reviewers };
}

describe("notifications of the review loop", () => {
  it("a submit notifies every reviewer (not the submitter), linking to the review page", async () => {
    const { v, publisher, reviewers } = await submitted();
    for (const r of reviewers) {
      const mine = await listNotifications({ userId: r.id });
      const n = mine.items.find((i) => i.link === `/review/${v.id}`);
      expect(n).toMatchObject({ kind: "version.submitted", read: false });
      expect(n?.title).toContain("waiting for review");
    }
    expect(await kindsFor(publisher.id, v.id)).toEqual([]);
  });

  it("approval of a high-risk version: the publisher hears of each approval, the other reviewers that a second one is needed", async () => {
    const { v, ref, publisher, reviewers } = await submitted("high");
    const [first, second] = reviewers;
    await reviewVersion({ reviewer: first, actor: asActor(first), ref, body: reviewBody.parse({ decision: "approve" }) });
    expect(await kindsFor(publisher.id, v.id)).toEqual(["version.approval_recorded"]);
    expect(await kindsFor(second.id, v.id)).toEqual(["version.submitted", "version.approval_recorded"]);
    expect(await kindsFor(first.id, v.id)).toEqual(["version.submitted"]);
    await reviewVersion({
      reviewer: second,
      actor: asActor(second),
      ref,
      body: reviewBody.parse({ decision: "approve", comment: "Fine." }),
    });
    expect(await kindsFor(publisher.id, v.id)).toEqual(["version.approval_recorded", "version.approved"]);
  });

  it("a rejection and a reviewer's comment reach the publisher; the publisher's answer reaches that reviewer", async () => {
    const { v, ref, publisher, reviewers, team } = await submitted();
    const [reviewer, other] = reviewers;
    await commentOnVersion({
      user: { ...reviewer, name: "R", teamIds: [] },
      actor: asActor(reviewer),
      ref,
      body: "Which data went into the evaluation?",
    });
    expect(await kindsFor(publisher.id, v.id)).toEqual(["version.commented"]);
    await commentOnVersion({
      user: { ...publisher, name: "P", teamIds: [team.id] },
      actor: asActor(publisher),
      ref,
      body: "The 2025 hold-out.",
    });
    expect(await kindsFor(reviewer.id, v.id)).toEqual(["version.submitted", "version.commented"]);
    expect(await kindsFor(other.id, v.id)).toEqual(["version.submitted"]);
    await reviewVersion({
      reviewer,
      actor: asActor(reviewer),
      ref,
      body: reviewBody.parse({ decision: "reject", comment: "Add the 2024 results." }),
    });
    const rejected = (await listNotifications({ userId: publisher.id })).items.find((i) => i.kind === "version.rejected");
    expect(rejected?.body).toContain("Add the 2024 results.");
  });

  it("a key's submission is recorded with its key, and the key's creator is the publisher who hears back", async () => {
    const { model, team, ref } = await makeModel();
    const creator = await makeUser("publisher", team.id);
    const { app } = await makeAppWithKey(team.id);
    const key = await db.apiKey.findFirstOrThrow({ where: { appId: app.id } });
    await db.apiKey.update({ where: { id: key.id }, data: { createdById: creator.id } });
    const v = await makeVersion(model.id, { status: "draft" });
    await submitVersion(
      {
        publisher: { kind: "key", keyId: key.id, teamId: team.id, userId: creator.id, role: creator.role, teamIds: [team.id] },
        actor: { id: creator.id, label: `api_key:${key.prefix}` },
      },
      ref.owner,
      ref.name,
      v.version,
    );
    expect((await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).submittedByKeyId).toBe(key.id);
    const reviewer = await makeUser("reviewer");
    await reviewVersion({
      reviewer,
      actor: asActor(reviewer),
      ref: { ...ref, version: v.version },
      body: reviewBody.parse({ decision: "approve" }),
    });
    expect(await kindsFor(creator.id, v.id)).toEqual(["version.approved"]);
  });

  it("marking as read touches only the person's own notifications", async () => {
    const { v, reviewers } = await submitted();
    const [a, b] = reviewers;
    const theirs = await db.notification.findFirstOrThrow({ where: { recipientId: b.id, versionId: v.id } });
    const before = (await listNotifications({ userId: a.id })).unread;
    expect((await markNotificationsRead({ userId: a.id, ids: [theirs.id] })).unread).toBe(before);
    expect((await db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    expect((await markNotificationsRead({ userId: a.id })).unread).toBe(0);
    expect((await listNotifications({ userId: b.id })).unread).toBeGreaterThan(0);
  });
});

describe("separation of duties with a key", () => {
  it("the person who created the submitting key cannot approve the version", async () => {
    const { model, team, ref } = await makeModel();
    const reviewer = await makeUser("reviewer", team.id);
    const { app } = await makeAppWithKey(team.id);
    const key = await db.apiKey.findFirstOrThrow({ where: { appId: app.id } });
    await db.apiKey.update({ where: { id: key.id }, data: { createdById: reviewer.id } });
    const v = await makeVersion(model.id, { status: "draft" });
    await submitVersion(
      {
        publisher: { kind: "key", keyId: key.id, teamId: team.id, userId: reviewer.id, role: reviewer.role, teamIds: [team.id] },
        actor: { id: reviewer.id, label: `api_key:${key.prefix}` },
      },
      ref.owner,
      ref.name,
      v.version,
    );
    const error = await reviewVersion({
      reviewer,
      actor: asActor(reviewer),
      ref: { ...ref, version: v.version },
      body: reviewBody.parse({ decision: "approve" }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "self_approval" });
  });
});
