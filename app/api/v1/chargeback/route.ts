import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { chargebackCsv } from "@/lib/usage/chargeback-csv";
import { getChargeback } from "@/lib/usage/get-chargeback";
import { chargebackQuerySchema, chargebackResponseSchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";

export const dynamic = "force-dynamic";

// GET /api/v1/chargeback?month=YYYY-MM&businessUnit=&format=csv|json — the monthly statement per business unit.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/chargeback",
    summary: "Monthly chargeback/showback statement per consuming business unit (JSON or CSV)",
    tags: ["usage"],
    permission: "usage:read",
    query: chargebackQuerySchema,
    responses: {
      200: {
        description:
          "Statements: calls, cost and value by model and app; with format=csv a text/csv file (one line per unit × model × app, then a TOTAL line per unit) sent as an attachment",
        schema: chargebackResponseSchema,
        otherContent: { "text/csv": z.string().describe("CSV with a header line; money in exact micro-units") },
        headers: ["Content-Disposition"],
      },
    },
  },
  async ({ query, caller }) => {
    const report = await getChargeback({ month: query.month, businessUnit: query.businessUnit, viewer: usageViewerForCaller(caller) });
    if (query.format === "json") return json(report, { headers: { "cache-control": "private, no-store" } });
    const name = `chargeback-${query.month}${query.businessUnit ? `-${query.businessUnit}` : ""}.csv`;
    return new Response(chargebackCsv(report.month, report.statements), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "private, no-store",
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
