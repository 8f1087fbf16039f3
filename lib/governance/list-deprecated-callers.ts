import "server-only";
import { db } from "@/lib/db";

/** Deprecated versions and how many calls they still received in the last 30 days. */
export async function listDeprecatedCallers() {
  const since = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const versions = await db.modelVersion.findMany({
    where: { status: "deprecated" },
    orderBy: { sunsetAt: "asc" },
    select: { id: true, version: true, sunsetAt: true, model: { select: { slug: true } } },
  });
  const usage = await db.usageHourly.groupBy({
    by: ["versionId"],
    where: { versionId: { in: versions.map((v) => v.id) }, bucket: { gte: since } },
    _sum: { calls: true },
  });
  const calls = new Map(usage.map((u) => [u.versionId, Number(u._sum.calls ?? 0)]));
  return versions.map((v) => ({ ...v, calls30d: calls.get(v.id) ?? 0 }));
}
