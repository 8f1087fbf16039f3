import { z } from "zod";
import { registerRoute } from "@/lib/openapi/registry";

registerRoute({
  method: "get",
  path: "/api/health",
  summary: "Liveness and database reachability",
  tags: ["system"],
  auth: [],
  responses: {
    200: { description: "Healthy", schema: z.object({ status: z.literal("ok"), database: z.literal("ok") }) },
    503: {
      description: "Database unreachable",
      schema: z.object({ status: z.literal("degraded"), database: z.literal("unreachable"), message: z.string() }),
    },
  },
});
