import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { HealthSettingsBody, HealthSettingsView } from "@/lib/model-health/alerts/schemas";
import { signals } from "@/lib/model-health/alerts/signals";
import { thresholdSettingsOf } from "@/lib/model-health/alerts/thresholds";
import { canManageHealth, type HealthVersion } from "@/lib/model-health/feedback/find-health-version";
import { referenceAccuracyOf } from "@/lib/model-health/feedback/reference-accuracy";
import { db } from "@/lib/server/db";
import { AppError, forbidden } from "@/lib/server/errors";

/** What a version collects and the thresholds its alerts use (the owner's settings over the defaults). */
export function healthSettingsOf(v: HealthVersion): HealthSettingsView {
  const stored = thresholdSettingsOf(v.alertThresholds);
  return {
    qualityKind: v.qualityKind,
    referenceAccuracy: v.referenceAccuracy,
    effectiveReferenceAccuracy: referenceAccuracyOf(v),
    rules: signals().map((s) => ({
      rule: s.rule,
      setting: s.setting,
      severity: s.severity,
      value: stored[s.rule] ?? s.defaultSetting,
      default: s.defaultSetting,
    })),
  };
}

/** The owning team's publishers (and admins) set the ground-truth kind, reference accuracy and thresholds. Audited. */
export async function updateHealthSettings(input: {
  principal: Principal;
  actor: AuditActor;
  version: HealthVersion;
  body: HealthSettingsBody;
}): Promise<HealthSettingsView> {
  const { version: v, body } = input;
  if (!canManageHealth(input.principal, v.model.teamId))
    throw forbidden("Only the owning team's publishers and admins set a version's health settings.");
  const known = new Set(signals().map((s) => s.rule));
  const unknown = Object.keys(body.thresholds ?? {}).filter((r) => !known.has(r));
  if (unknown.length > 0) throw new AppError("bad_request", `Unknown rule(s): ${unknown.join(", ")}.`, { details: { rules: [...known] } });
  const data: Prisma.ModelVersionUpdateInput = {};
  if (body.qualityKind !== undefined) data.qualityKind = body.qualityKind;
  if (body.referenceAccuracy !== undefined) data.referenceAccuracy = body.referenceAccuracy;
  if (body.thresholds !== undefined) data.alertThresholds = body.thresholds;
  const before = { qualityKind: v.qualityKind, referenceAccuracy: v.referenceAccuracy, thresholds: thresholdSettingsOf(v.alertThresholds) };
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.modelVersion.update({
      where: { id: v.id },
      data,
      select: { qualityKind: true, referenceAccuracy: true, alertThresholds: true },
    });
    await recordAudit(tx, input.actor, {
      action: "version.health_settings",
      targetType: "version",
      targetId: v.id,
      before,
      after: {
        qualityKind: row.qualityKind,
        referenceAccuracy: row.referenceAccuracy,
        thresholds: thresholdSettingsOf(row.alertThresholds),
      },
    });
    return row;
  });
  return healthSettingsOf({ ...v, ...updated });
}
