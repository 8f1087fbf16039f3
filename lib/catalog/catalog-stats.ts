import "server-only";
import { db } from "@/lib/db";

/** A few catalog-wide numbers for the home page. */
export async function catalogStats() {
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const [models, approvedVersions, apps, calls] = await Promise.all([
    db.model.count(),
    db.modelVersion.count({ where: { status: "approved" } }),
    db.app.count({ where: { deletedAt: null } }),
    db.usageHourly.aggregate({ _sum: { calls: true }, where: { bucket: { gte: since } } }),
  ]);
  return { models, approvedVersions, apps, calls30d: Number(calls._sum.calls ?? 0) };
}
