import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { chargebackCsv } from "@/lib/usage/chargeback-csv";
import { getChargeback } from "@/lib/usage/get-chargeback";
import { chargebackQuerySchema } from "@/lib/usage/schemas";
import { usageViewerForCaller } from "@/lib/usage/usage-viewer-for-caller";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/v1/chargeback?month=YYYY-MM&businessUnit=&format=csv|json — the monthly statement per business unit.
export const GET = withApi(
  async ({ req, caller }) => {
    const query = chargebackQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
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
  { scope: "usage:read" },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
