import { auditEventsToCsv } from "@/lib/audit/audit-csv";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { auditQuery } from "@/lib/governance/schemas";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// GET /api/v1/audit?actor=&action=&targetType=&targetId=&from=&to=&page=&pageSize=&format=json|csv — admins only.
export const GET = withApi(
  async (ctx) => {
    const { format, ...query } = auditQuery.parse(Object.fromEntries(ctx.req.nextUrl.searchParams));
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
  { permission: "audit:read" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
