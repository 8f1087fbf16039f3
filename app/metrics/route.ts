import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { METRICS_JSON_HEADER, metricsAsJson, renderMetrics } from "@/lib/server/metrics";
// Budget spend gauges: registered here, in Next's process only, so the door's merged scrape has them once.
import "@/lib/budgets/budget-metrics";

export const dynamic = "force-dynamic";

// GET /metrics — Prometheus text format; admins (session) and keys with the metrics:read scope. Under `npm start`
// the gateway door answers this path with its own metrics and Next's merged (gateway/metrics.ts), asking Next
// for the JSON form with the METRICS_JSON_HEADER header.
export const GET = defineRoute(
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics: gateway calls, latency, recorder, roll-up lag, jobs, pool, ONNX sessions, budget spend",
    tags: ["system"],
    permission: "metrics:read",
    responses: {
      200: {
        description: "The metrics in the Prometheus text exposition format (version 0.0.4)",
        schema: z.string(),
        contentType: "text/plain; version=0.0.4; charset=utf-8",
      },
      401: { description: "No session or API key", schema: errorSchema },
      403: { description: "Neither an admin nor a key with the metrics:read scope", schema: errorSchema },
    },
  },
  async ({ req }) => {
    const headers = { "cache-control": "no-store" };
    if (req.headers.get(METRICS_JSON_HEADER) === "json") return Response.json(await metricsAsJson(), { headers });
    const { contentType, body } = await renderMetrics();
    return new Response(body, { headers: { ...headers, "content-type": contentType } });
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
