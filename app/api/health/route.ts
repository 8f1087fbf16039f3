import { checkHealth } from "@/lib/health/check-health";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";

// GET /api/health — liveness + database reachability (503 when the database is down).
export async function GET() {
  const health = await checkHealth();
  return json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
