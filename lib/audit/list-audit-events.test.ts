import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { auditEventsToCsv } from "@/lib/audit/audit-csv";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/current-user";
import { db } from "@/lib/server/db";
import { auditQuery } from "@/lib/governance/schemas";
import { makeUser, uid } from "@/lib/governance/testing/factory";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

describe("audit query and export", () => {
  it("filters by actor, action prefix, target and time; admins only", async () => {
    const actor = await makeUser("publisher");
    const target = `t-${uid()}`;
    await recordAudit(
      db,
      { id: actor.id, label: actor.email },
      { action: "version.approve", targetType: "version", targetId: target, after: { status: "approved" } },
    );
    await recordAudit(db, { id: actor.id, label: actor.email }, { action: "access.deny", targetType: "access_request", targetId: target });
    await recordAudit(db, { id: null, label: "someone-else" }, { action: "version.reject", targetType: "version", targetId: target });
    const admin = { role: "admin" as const };
    const q = (extra: Record<string, string>) => {
      const { format: _f, ...rest } = auditQuery.parse({ targetId: target, ...extra });
      return rest;
    };
    expect((await listAuditEvents({ user: admin, query: q({}) })).total).toBe(3);
    expect((await listAuditEvents({ user: admin, query: q({ actor: actor.email }) })).items.map((i) => i.action).sort()).toEqual([
      "access.deny",
      "version.approve",
    ]);
    expect((await listAuditEvents({ user: admin, query: q({ action: "version.*" }) })).total).toBe(2);
    expect((await listAuditEvents({ user: admin, query: q({ targetType: "access_request" }) })).total).toBe(1);
    expect((await listAuditEvents({ user: admin, query: q({ from: new Date(Date.now() + 60_000).toISOString() }) })).total).toBe(0);
    await expect(listAuditEvents({ user: { role: "reviewer" }, query: q({}) })).rejects.toThrow(/admins/);
  });

  it("exports CSV that quotes commas and neutralises spreadsheet formulas", () => {
    const csv = auditEventsToCsv([
      {
        id: "1",
        at: "2026-01-01T00:00:00.000Z",
        actorId: null,
        actorLabel: '=HYPERLINK("x")',
        action: "a,b",
        targetType: "t",
        targetId: "1",
        before: null,
        after: { x: 1 },
        ip: null,
        requestId: null,
      },
    ]);
    const [header, row] = csv.trim().split("\r\n");
    expect(header).toBe("id,at,actorId,actorLabel,action,targetType,targetId,before,after,ip,requestId");
    expect(row).toBe(`1,2026-01-01T00:00:00.000Z,,"'=HYPERLINK(""x"")","a,b",t,1,,"{""x"":1}",,`);
  });

  it("GET /api/v1/audit serves admins JSON and CSV and refuses everyone else", async () => {
    const { GET } = await import("@/app/api/v1/audit/route");
    const target = `t-${uid()}`;
    await recordAudit(db, { id: null, label: "x" }, { action: "test.route", targetType: "test", targetId: target });
    const ctx = { params: Promise.resolve({}) };
    const admin = await makeUser("admin");
    sessionUser = { ...admin, name: "A" };
    const res = await GET(new NextRequest(`http://localhost/api/v1/audit?targetId=${target}`), ctx);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    const csv = await GET(new NextRequest(`http://localhost/api/v1/audit?targetId=${target}&format=csv`), ctx);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(2);
    const reviewer = await makeUser("reviewer");
    sessionUser = { ...reviewer, name: "R" };
    expect((await GET(new NextRequest(`http://localhost/api/v1/audit`), ctx)).status).toBe(403);
    const bad = await GET(new NextRequest(`http://localhost/api/v1/audit?from=yesterday`), { params: Promise.resolve({}) });
    expect(bad.status).toBe(403);
    sessionUser = { ...admin, name: "A" };
    expect((await GET(new NextRequest(`http://localhost/api/v1/audit?from=yesterday`), ctx)).status).toBe(400);
  });
});
