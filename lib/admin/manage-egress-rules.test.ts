import { describe, expect, it } from "vitest";
import { addEgressRule, listEgressRules, removeEgressRule } from "@/lib/admin/manage-egress-rules";
import { db } from "@/lib/db";
import { actor, auditCount, makeUser, uid } from "@/lib/governance/testing/factory";

describe("egress allow-list", () => {
  it("admins add and remove host, address and CIDR rules, audited; bad patterns and non-admins are refused", async () => {
    const admin = await makeUser("admin");
    const host = `hooks-${uid()}.corp.internal`;
    const rule = await addEgressRule({ admin, actor: actor(admin), data: { pattern: host, note: "webhook receiver" } });
    const cidr = await addEgressRule({ admin, actor: actor(admin), data: { pattern: `fd${uid().slice(0, 2)}:${uid().slice(0, 4)}::/48` } });
    expect((await listEgressRules({ admin })).map((r) => r.pattern)).toEqual(expect.arrayContaining([host, cidr.pattern]));
    await expect(addEgressRule({ admin, actor: actor(admin), data: { pattern: host } })).rejects.toThrow(/already/);
    for (const bad of ["10.0.0.0/33", "http://x", "a/b/c", "not a host"]) {
      await expect(addEgressRule({ admin, actor: actor(admin), data: { pattern: bad } })).rejects.toThrow();
    }
    const publisher = await makeUser("publisher");
    await expect(addEgressRule({ admin: publisher, actor: actor(publisher), data: { pattern: "10.9.9.9" } })).rejects.toThrow(/Only admins/);
    await removeEgressRule({ admin, actor: actor(admin), id: rule.id });
    expect(await db.egressRule.count({ where: { id: rule.id } })).toBe(0);
    expect((await db.auditEvent.findMany({ where: { targetId: rule.id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["egress_rule.create", "egress_rule.delete"]);
    // The allow-list is global: leave nothing behind for other test files sharing the database.
    await removeEgressRule({ admin, actor: actor(admin), id: cidr.id });
    expect(await auditCount(cidr.id)).toBe(2);
  });
});
