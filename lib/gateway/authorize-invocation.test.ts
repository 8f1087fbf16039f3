import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { authorizeInvocation } from "@/lib/gateway/authorize-invocation";
import { resolveVersion } from "@/lib/gateway/resolve-version";
import { createModel, createTeam, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import type { Caller } from "@/lib/auth/principal";
import type { Role } from "@/lib/generated/prisma/enums";

const asUser = (u: { id: string; email: string; name: string; role: Role }, teamIds: string[]): Caller => ({
  kind: "user",
  user: { ...u, teamIds },
});

describe("console access (signed-in users)", () => {
  it("lets the publisher's team and reviewers test unapproved versions, and nobody else", async () => {
    const { owner, name, model, team } = await createModel();
    for (const [version, status] of [
      ["0.1.0", "draft"],
      ["0.2.0", "pending_review"],
      ["0.3.0", "rejected"],
    ] as const) {
      await createVersion(model.id, { version, status });
    }
    const member = await createUser("publisher", team.id);
    const reviewer = await createUser("reviewer");
    const outsider = await createUser("consumer");
    for (const version of ["0.1.0", "0.2.0", "0.3.0"]) {
      const target = await resolveVersion(owner, name, { exact: version }, { teamIds: [team.id] });
      await expect(authorizeInvocation(asUser(member, [team.id]), target)).resolves.toBeUndefined();
      await expect(
        authorizeInvocation(asUser(reviewer, []), await resolveVersion(owner, name, { exact: version }, { teamIds: [], insider: true })),
      ).resolves.toBeUndefined();
    }
    // Outside the team, a version in review is known but not callable; drafts and rejected ones do not exist.
    const pending = await resolveVersion(owner, name, { exact: "0.2.0" }, { teamIds: [] });
    await expect(authorizeInvocation(asUser(outsider, []), pending)).rejects.toMatchObject({ code: "version_not_invocable", status: 409 });
    for (const version of ["0.1.0", "0.3.0", "0.9.0"]) {
      await expect(resolveVersion(owner, name, { exact: version }, { teamIds: [] })).rejects.toMatchObject({
        code: "not_found",
        message: `Version ${version} of ${owner}/${name} was not found.`,
      });
    }
  });

  it("answers for a model that only its team may see exactly as for one that does not exist", async () => {
    const { owner, name, model, team } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "draft" });
    await createVersion(model.id, { version: "1.1.0", status: "rejected" });
    const missing = String(await resolveVersion(owner, `${name}-missing`, {}, { teamIds: [] }).catch((e: Error) => e.message));
    for (const selector of [{}, { exact: "1.0.0" }, { spec: "^1" }, { spec: "not a range" }]) {
      const hidden = await resolveVersion(owner, name, selector, { teamIds: [] }).catch((e: Error) => e.message);
      expect(hidden).toBe(missing.replace(`${name}-missing`, name));
    }
    await expect(resolveVersion(owner, name, { exact: "1.0.0" }, { teamIds: [team.id] })).resolves.toMatchObject({
      version: { status: "draft" },
    });
  });

  it("opens a gated model to a user only through their team's granted app", async () => {
    const { owner, name, model } = await createModel({ visibility: "gated" });
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const consumerTeam = await createTeam();
    const consumer = await createUser("consumer", consumerTeam.id);
    const target = await resolveVersion(owner, name, {}, { teamIds: [consumerTeam.id] });
    await expect(authorizeInvocation(asUser(consumer, [consumerTeam.id]), target)).rejects.toMatchObject({ code: "access_not_granted" });
    const app = await db.app.create({ data: { name: "granted", teamId: consumerTeam.id } });
    const grant = await db.accessGrant.create({ data: { modelId: model.id, appId: app.id } });
    await expect(authorizeInvocation(asUser(consumer, [consumerTeam.id]), target)).resolves.toBeUndefined();
    await db.accessGrant.update({ where: { id: grant.id }, data: { revokedAt: new Date() } });
    await expect(authorizeInvocation(asUser(consumer, [consumerTeam.id]), target)).rejects.toMatchObject({ code: "access_not_granted" });
  });
});
