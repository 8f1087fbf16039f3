import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { decideAccessRequest } from "@/lib/governance/decide-access-request";
import { requestAccess } from "@/lib/governance/request-access";
import { accessDecisionBody } from "@/lib/governance/schemas";
import { actor, auditCount, makeAppWithKey, makeModel, makeTeam, makeUser } from "@/lib/governance/testing/factory";
import { AppError } from "@/lib/server/errors";

async function setup() {
  const { model, team, ref } = await makeModel({ visibility: "gated" });
  const consumerTeam = await makeTeam();
  const consumer = await makeUser("consumer", consumerTeam.id);
  const { app } = await makeAppWithKey(consumerTeam.id);
  return { model, team, ref, consumer, app };
}
const statusOf = (e: unknown) => (e instanceof AppError ? e.status : 0);

describe("gated access", () => {
  it("a consumer requests access; the owning team's maintainer grants, then revokes", async () => {
    const { model, team, ref, consumer, app } = await setup();
    const request = await requestAccess({
      user: consumer,
      actor: actor(consumer),
      ref,
      body: { appId: app.id, reason: "Fraud scoring in checkout" },
    });
    expect(request.status).toBe("pending");
    expect(
      statusOf(
        await requestAccess({ user: consumer, actor: actor(consumer), ref, body: { appId: app.id, reason: "again please" } }).catch(
          (e: unknown) => e,
        ),
      ),
    ).toBe(409);

    const maintainer = await makeUser("publisher", team.id, "maintainer");
    await decideAccessRequest({
      user: maintainer,
      actor: actor(maintainer),
      ref: { ...ref, id: request.id },
      body: accessDecisionBody.parse({ decision: "approve" }),
    });
    const grant = await db.accessGrant.findUniqueOrThrow({ where: { modelId_appId: { modelId: model.id, appId: app.id } } });
    expect(grant).toMatchObject({ requestId: request.id, grantedById: maintainer.id, revokedAt: null });

    const again = await decideAccessRequest({
      user: maintainer,
      actor: actor(maintainer),
      ref: { ...ref, id: request.id },
      body: accessDecisionBody.parse({ decision: "deny", comment: "x" }),
    }).catch((e: unknown) => e);
    expect(statusOf(again)).toBe(409);

    await decideAccessRequest({
      user: maintainer,
      actor: actor(maintainer),
      ref: { ...ref, id: request.id },
      body: accessDecisionBody.parse({ decision: "revoke", comment: "Project ended" }),
    });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).not.toBeNull();
    expect((await db.auditEvent.findMany({ where: { targetId: request.id }, orderBy: { id: "asc" } })).map((a) => a.action)).toEqual([
      "access.request",
      "access.approve",
      "access.revoke",
    ]);
  });

  it("only maintainers of the owning team or reviewers decide; nobody requests for another team's app", async () => {
    const { team, ref, consumer, app } = await setup();
    const request = await requestAccess({
      user: consumer,
      actor: actor(consumer),
      ref,
      body: { appId: app.id, reason: "Churn model for CRM" },
    });
    const member = await makeUser("publisher", team.id, "member");
    const outsider = await makeUser("publisher", (await makeTeam()).id, "maintainer");
    for (const who of [member, outsider, consumer]) {
      const e = await decideAccessRequest({
        user: who,
        actor: actor(who),
        ref: { ...ref, id: request.id },
        body: accessDecisionBody.parse({ decision: "approve" }),
      }).catch((x: unknown) => x);
      expect(statusOf(e)).toBe(403);
    }
    const reviewer = await makeUser("reviewer");
    const denied = await decideAccessRequest({
      user: reviewer,
      actor: actor(reviewer),
      ref: { ...ref, id: request.id },
      body: accessDecisionBody.parse({ decision: "deny", comment: "Use the public model" }),
    });
    expect(denied.status).toBe("denied");
    expect(await db.accessGrant.count({ where: { appId: app.id } })).toBe(0);

    const stranger = await makeUser("consumer", (await makeTeam()).id);
    const e = await requestAccess({ user: stranger, actor: actor(stranger), ref, body: { appId: app.id, reason: "not my app" } }).catch(
      (x: unknown) => x,
    );
    expect(statusOf(e)).toBe(404);
    expect(await auditCount(request.id)).toBe(2);
  });

  it("a decision addressed through another model's path is not found (no BOLA)", async () => {
    const { ref, consumer, app } = await setup();
    const request = await requestAccess({
      user: consumer,
      actor: actor(consumer),
      ref,
      body: { appId: app.id, reason: "Needed for search" },
    });
    const other = await makeModel({ visibility: "gated" });
    const maintainer = await makeUser("publisher", other.team.id, "maintainer");
    const e = await decideAccessRequest({
      user: maintainer,
      actor: actor(maintainer),
      ref: { ...other.ref, id: request.id },
      body: accessDecisionBody.parse({ decision: "approve" }),
    }).catch((x: unknown) => x);
    expect(statusOf(e)).toBe(404);
  });
});
