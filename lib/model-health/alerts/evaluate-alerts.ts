import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { signals, type Signal } from "@/lib/model-health/alerts/signals";
import { thresholdSettingsOf } from "@/lib/model-health/alerts/thresholds";
import { updateHealthStatuses } from "@/lib/model-health/status";
import { notify } from "@/lib/notifications/notify";
import { db } from "@/lib/server/db";
import { formatFigure, ruleLabel } from "@/lib/model-health/alerts/rule-label";

const watchedSelect = {
  id: true,
  version: true,
  referenceAccuracy: true,
  alertThresholds: true,
  model: { select: { teamId: true, name: true, card: true, team: { select: { slug: true } } } },
} as const;
type Watched = Awaited<ReturnType<typeof watchedVersions>>[number];

/** Versions that take traffic (in review, approved, deprecated) and any with an alert still open. */
function watchedVersions() {
  return db.modelVersion.findMany({
    where: { OR: [{ status: { in: ["pending_review", "approved", "deprecated"] } }, { alerts: { some: { resolvedAt: null } } }] },
    select: watchedSelect,
  });
}

type OpenAlert = { id: string; versionId: string; rule: string; severity: string; openedAt: Date };

async function teamMemberIds(tx: DbOrTx, teamId: string): Promise<string[]> {
  const rows = await tx.teamMember.findMany({ where: { teamId, user: { disabled: false } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

function describe(v: Watched) {
  const label = `${v.model.team.slug}/${v.model.name}`;
  return { label, link: `/models/${v.model.team.slug}/${v.model.name}`, model: label, version: v.version, versionId: v.id };
}

async function openAlert(v: Watched, signal: Signal, figure: number, threshold: number) {
  const d = describe(v);
  await db.$transaction(async (tx) => {
    // One open alert per version and rule, even if two runs overlap (the job is single-runner; this guards a manual run).
    const already = await tx.modelAlert.findFirst({
      where: { versionId: v.id, rule: signal.rule, resolvedAt: null },
      select: { id: true },
    });
    if (already) return;
    const alert = await tx.modelAlert.create({
      data: { versionId: v.id, rule: signal.rule, severity: signal.severity, figure, threshold },
      select: { id: true, openedAt: true },
    });
    const comparison = signal.breachWhen === "above" ? "above" : "below";
    await notify(tx, await teamMemberIds(tx, v.model.teamId), {
      kind: "model.alert",
      title: `${d.label} ${v.version}: ${ruleLabel(signal.rule)} ${formatFigure(signal.rule, figure)} is ${comparison} its threshold ${formatFigure(signal.rule, threshold)}`,
      body: `Opened ${alert.openedAt.toISOString()}; it resolves itself when the figure recovers.`,
      link: d.link,
      versionId: v.id,
      actorId: null,
    });
    await enqueueWebhookEvent(tx, "model.alert", {
      alertId: alert.id,
      status: "open",
      model: d.model,
      version: d.version,
      versionId: v.id,
      rule: signal.rule,
      severity: signal.severity,
      figure,
      threshold,
      openedAt: alert.openedAt.toISOString(),
    });
  });
}

async function resolveAlert(v: Watched, open: OpenAlert, figure: number, threshold: number) {
  const d = describe(v);
  await db.$transaction(async (tx) => {
    const resolvedAt = new Date();
    const claimed = await tx.modelAlert.updateMany({
      where: { id: open.id, resolvedAt: null },
      data: { resolvedAt, resolvedFigure: figure },
    });
    if (claimed.count === 0) return;
    await notify(tx, await teamMemberIds(tx, v.model.teamId), {
      kind: "model.alert.resolved",
      title: `${d.label} ${v.version}: ${ruleLabel(open.rule)} recovered (${formatFigure(open.rule, figure)})`,
      link: d.link,
      versionId: v.id,
      actorId: null,
    });
    await enqueueWebhookEvent(tx, "model.alert.resolved", {
      alertId: open.id,
      status: "resolved",
      model: d.model,
      version: d.version,
      versionId: v.id,
      rule: open.rule,
      severity: open.severity,
      figure,
      threshold,
      openedAt: open.openedAt.toISOString(),
      resolvedAt: resolvedAt.toISOString(),
    });
  });
}

/**
 * One pass of the alerts job: every signal's figure for every watched version over the signal's window,
 * compared with the version's threshold. A breach opens an alert (in-app notification to the owning team,
 * signed `model.alert` webhook); a recovered figure resolves it (`model.alert.resolved`). A version without
 * enough data for a signal is left as it is. Then every model's health status is brought up to date.
 */
export async function evaluateAlerts(now: Date = new Date()): Promise<{ opened: number; resolved: number }> {
  const versions = await watchedVersions();
  const openRows = await db.modelAlert.findMany({
    where: { resolvedAt: null },
    select: { id: true, versionId: true, rule: true, severity: true, openedAt: true },
  });
  const open = new Map(openRows.map((a) => [`${a.versionId}:${a.rule}`, a]));
  let opened = 0;
  let resolved = 0;
  if (versions.length > 0) {
    const ids = versions.map((v) => v.id);
    for (const signal of signals()) {
      const figures = await signal.read(ids, new Date(now.getTime() - signal.windowMs), now);
      for (const v of versions) {
        const figure = figures.get(v.id);
        if (figure === undefined) continue;
        const setting = thresholdSettingsOf(v.alertThresholds)[signal.rule] ?? signal.defaultSetting;
        const threshold = await signal.threshold(setting, {
          id: v.id,
          referenceAccuracy: v.referenceAccuracy,
          card: v.model.card,
        });
        if (threshold === null) continue;
        const breached = signal.breachWhen === "above" ? figure > threshold : figure < threshold;
        const current = open.get(`${v.id}:${signal.rule}`);
        if (breached && !current) {
          await openAlert(v, signal, figure, threshold);
          opened++;
        } else if (!breached && current) {
          await resolveAlert(v, current, figure, threshold);
          resolved++;
        }
      }
    }
  }
  await updateHealthStatuses();
  return { opened, resolved };
}
