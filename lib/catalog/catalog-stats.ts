import "server-only";
import { db } from "@/lib/server/db";

/** A few catalog-wide numbers for the home page (discoverable models only, as the catalog shows them). */
export async function catalogStats() {
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const [[models], approvedVersions, apps, calls] = await Promise.all([
    db.$queryRaw<{ models: number; teams: number }[]>`
      SELECT count(*)::int AS models, count(DISTINCT "teamId")::int AS teams FROM models
       WHERE "catalogStatuses" && ARRAY['pending_review','approved','deprecated']::"VersionStatus"[]`,
    db.modelVersion.count({ where: { status: "approved" } }),
    db.app.count({ where: { deletedAt: null } }),
    db.usageHourly.aggregate({ _sum: { calls: true }, where: { bucket: { gte: since } } }),
  ]);
  return { models: models.models, teams: models.teams, approvedVersions, apps, calls30d: Number(calls._sum.calls ?? 0) };
}
