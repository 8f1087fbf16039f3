import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { AlertView } from "@/lib/model-health/alerts/schemas";
import { canSeeHealth } from "@/lib/model-health/feedback/find-health-version";
import type { HealthStatusName } from "@/lib/model-health/status";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";

/** A model's alerts, newest first (open, resolved or all; one version or every one), for those who see its health. */
export async function listModelAlerts(input: {
  principal: Principal;
  ref: { owner: string; name: string };
  state?: "open" | "resolved" | "all";
  version?: string;
}): Promise<{ healthStatus: HealthStatusName; items: AlertView[] }> {
  const model = await db.model.findFirst({
    where: { name: input.ref.name, team: { slug: input.ref.owner } },
    select: { id: true, teamId: true, healthStatus: true },
  });
  if (!model || !canSeeHealth(input.principal, model.teamId)) throw notFound(`Model ${input.ref.owner}/${input.ref.name}`);
  const state = input.state ?? "all";
  const rows = await db.modelAlert.findMany({
    where: {
      version: { modelId: model.id, ...(input.version ? { version: input.version } : {}) },
      ...(state === "open" ? { resolvedAt: null } : state === "resolved" ? { resolvedAt: { not: null } } : {}),
    },
    orderBy: { openedAt: "desc" },
    take: 200,
    select: {
      id: true,
      rule: true,
      severity: true,
      figure: true,
      threshold: true,
      openedAt: true,
      resolvedAt: true,
      resolvedFigure: true,
      version: { select: { version: true } },
    },
  });
  return {
    healthStatus: model.healthStatus,
    items: rows.map((a) => ({
      id: a.id,
      version: a.version.version,
      rule: a.rule,
      severity: a.severity === "warning" ? "warning" : "failing",
      status: a.resolvedAt ? "resolved" : "open",
      figure: a.figure,
      threshold: a.threshold,
      openedAt: a.openedAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      resolvedFigure: a.resolvedFigure,
    })),
  };
}
