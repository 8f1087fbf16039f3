import { describe, expect, it } from "vitest";
import { createBusinessUnit, createTeam, setTeamMembership, updateUser } from "@/lib/admin/manage-organisation";
import { db } from "@/lib/server/db";
import { actor, auditCount, makeUser, uid } from "@/lib/governance/testing/factory";

describe("admin management", () => {
  it("changes a user's role and status with one audit event each; non-admins and self-lockout are refused", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("consumer");
    await updateUser({ admin, actor: actor(admin), change: { userId: user.id, role: "publisher" } });
    await updateUser({ admin, actor: actor(admin), change: { userId: user.id, disabled: true } });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, disabled: true } })).toEqual({
      role: "publisher",
      disabled: true,
    });
    const events = await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["user.update", { role: "consumer", disabled: false }, { role: "publisher", disabled: false }],
      ["user.update", { role: "publisher", disabled: false }, { role: "publisher", disabled: true }],
    ]);
    const reviewer = await makeUser("reviewer");
    await expect(updateUser({ admin: reviewer, actor: actor(reviewer), change: { userId: user.id, role: "admin" } })).rejects.toThrow(
      /Only admins/,
    );
    await expect(updateUser({ admin, actor: actor(admin), change: { userId: admin.id, disabled: true } })).rejects.toThrow(/yourself/);
    expect(await auditCount(user.id)).toBe(2);
    expect(await auditCount(admin.id)).toBe(0);
  });

  it("creates business units and teams and sets memberships, audited; duplicates are a conflict", async () => {
    const admin = await makeUser("admin");
    const s = uid();
    const bu = await createBusinessUnit({
      admin,
      actor: actor(admin),
      data: { slug: `bu-${s}`, name: `Retail ${s}`, costCenter: `CC${s}` },
    });
    const team = await createTeam({ admin, actor: actor(admin), data: { slug: `t-${s}`, name: `Pricing ${s}`, businessUnitId: bu.id } });
    await expect(
      createTeam({ admin, actor: actor(admin), data: { slug: `t-${s}`, name: "again", businessUnitId: bu.id } }),
    ).rejects.toThrow(/exists/);
    const member = await makeUser("publisher");
    await setTeamMembership({ admin, actor: actor(admin), data: { teamId: team.id, email: member.email, role: "maintainer" } });
    expect((await db.teamMember.findUniqueOrThrow({ where: { userId_teamId: { userId: member.id, teamId: team.id } } })).role).toBe(
      "maintainer",
    );
    await setTeamMembership({ admin, actor: actor(admin), data: { teamId: team.id, email: member.email, role: "remove" } });
    expect(await db.teamMember.count({ where: { teamId: team.id } })).toBe(0);
    expect(await auditCount(bu.id)).toBe(1);
    expect((await db.auditEvent.findMany({ where: { targetId: team.id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual([
      "team.create",
      "team_member.set",
      "team_member.remove",
    ]);
  });
});
