import { z } from "zod";
import { auditEventsToCsv } from "@/lib/audit/audit-csv";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { auditPage, auditQuery } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

// GET /api/v1/audit?actor=&action=&targetType=&targetId=&from=&to=&page=&pageSize=&format=json|csv — admins only.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/audit",
    summary: "Audit events, newest first (JSON or CSV)",
    tags: ["governance"],
    permission: "audit:read",
    query: auditQuery,
    responses: {
      200: {
        description: "A page of audit events; with format=csv the whole filtered trail (up to 50,000 rows) as a text/csv attachment",
        schema: auditPage,
        otherContent: { "text/csv": z.string().describe("CSV with a header line, one audit event per line") },
        headers: ["Content-Disposition", "X-Total-Count"],
      },
      400: { description: "Invalid filter", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Admins only", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { format, ...query } = ctx.query;
    // The CSV export is the whole filtered trail (up to 50,000 rows), not one page.
    const csv = format === "csv";
    const result = await listAuditEvents({ user: sessionUserOf(ctx.caller), query: csv ? { ...query, page: 1, pageSize: 50_000 } : query });
    if (csv) {
      return new Response(auditEventsToCsv(result.items), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="audit.csv"`,
          "x-total-count": String(result.total),
        },
      });
    }
    return json(result);
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
