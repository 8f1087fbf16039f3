import "server-only";
import { db } from "@/lib/db";

/** Calls, errors, cost and value per model over the last `days` days, from the hourly roll-up. */
export async function usageByModel(days = 30) {
  const since = new Date(Date.now() - days * 24 * 3600 * 1000);
  const rows = await db.usageHourly.groupBy({
    by: ["modelId"],
    where: { bucket: { gte: since } },
    _sum: { calls: true, errors: true, costMicros: true, valueMicros: true },
  });
  const models = await db.model.findMany({ where: { id: { in: rows.map((r) => r.modelId) } }, select: { id: true, slug: true, displayName: true } });
  const byId = new Map(models.map((m) => [m.id, m]));
  return rows
    .map((r) => ({
      model: byId.get(r.modelId)!,
      calls: Number(r._sum.calls ?? 0),
      errors: Number(r._sum.errors ?? 0),
      costMicros: r._sum.costMicros ?? BigInt(0),
      valueMicros: r._sum.valueMicros ?? BigInt(0),
    }))
    .sort((a, b) => b.calls - a.calls);
}
