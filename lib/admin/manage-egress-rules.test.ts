import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createUser } from "@/lib/gateway/test-fixtures";
import { addEgressRule, listEgressRules, removeEgressRule } from "@/lib/admin/manage-egress-rules";

describe("egress allow-list management", () => {
  it("adds and removes entries with audit rows, refusing malformed patterns", async () => {
    const admin = await createUser("admin");
    const actor = { id: admin.id, label: admin.email };
    const pattern = `10.${Math.floor(Math.random() * 250)}.0.0/16`;
    const rule = await addEgressRule({ actor, pattern, note: "cluster" });
    expect((await listEgressRules()).map((r) => r.pattern)).toContain(pattern);
    await expect(addEgressRule({ actor, pattern, note: "" })).rejects.toMatchObject({ code: "conflict" });
    await expect(addEgressRule({ actor, pattern: "http://x/", note: "" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(addEgressRule({ actor, pattern: "10.0.0.0/40", note: "" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(addEgressRule({ actor, pattern: "10.250.250.0/24", note: "nul\u0000" })).rejects.toMatchObject({
      code: "bad_request",
      status: 400,
    });
    await removeEgressRule({ actor, id: rule.id });
    const audit = await db.auditEvent.findMany({ where: { targetId: rule.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["egress_rule.create", "egress_rule.delete"]);
    expect(audit[0].actorId).toBe(admin.id);
  });
});
