import { z } from "zod";
import { checkHealth } from "@/lib/health/check-health";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/health — liveness + database reachability (503 when the database is down).
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/health",
    summary: "Liveness and database reachability",
    tags: ["system"],
    permission: "public",
    responses: {
      200: { description: "Healthy", schema: z.object({ status: z.literal("ok"), database: z.literal("ok") }) },
      503: {
        description: "Database unreachable",
        schema: z.object({ status: z.literal("degraded"), database: z.literal("unreachable"), message: z.string() }),
      },
    },
  },
  async () => {
    const health = await checkHealth();
    return json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
