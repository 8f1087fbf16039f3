import { z } from "zod";
import { registerRoute } from "@/lib/openapi/registry";
import {
  chargebackQuerySchema,
  chargebackResponseSchema,
  roiQueryShape,
  roiResponseSchema,
  usageQueryShape,
  usageResponseSchema,
} from "@/lib/usage/schemas";

registerRoute({
  method: "get",
  path: "/api/v1/usage",
  summary: "Usage series and totals: calls, errors, error rate, p50/p95/p99 latency (total, gateway, model)",
  tags: ["usage"],
  auth: ["session", "apiKey"],
  scope: "usage:read",
  query: usageQueryShape,
  responses: { 200: { description: "Series per interval, totals and one row per group", schema: usageResponseSchema } },
});

registerRoute({
  method: "get",
  path: "/api/v1/roi",
  summary: "Cost, value and ROI = (value − cost) / cost per group and over time",
  tags: ["usage"],
  auth: ["session", "apiKey"],
  scope: "usage:read",
  query: roiQueryShape,
  responses: { 200: { description: "Totals, trend and one row per group", schema: roiResponseSchema } },
});

registerRoute({
  method: "get",
  path: "/api/v1/chargeback",
  summary: "Monthly chargeback/showback statement per consuming business unit (JSON or CSV)",
  tags: ["usage"],
  auth: ["session", "apiKey"],
  scope: "usage:read",
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
});
