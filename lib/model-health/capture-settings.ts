import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Principal } from "@/lib/auth/principal";
import { findHealthVersion, type VersionRef } from "@/lib/model-health/find-health-version";
import type { CaptureSettingsBody } from "@/lib/model-health/schemas";
import { captureRetentionDays } from "@/lib/model-health/settings";
import { db } from "@/lib/server/db";

/** A version's capture settings as the API shows them. */
export function captureSettingsOf(v: { captureRate: number; captureRedactFields: string[] | null }) {
  return { captureRate: v.captureRate, redactFields: v.captureRedactFields ?? [], retentionDays: captureRetentionDays() };
}

/** Sets a version's capture rate and redacted fields (owners only; audited). Applies to calls from then on. */
export async function updateCaptureSettings(input: {
  principal: Principal | null;
  actor: AuditActor;
  ref: VersionRef;
  body: CaptureSettingsBody;
}) {
  const v = await findHealthVersion(input.principal, input.ref, "own");
  const redact = input.body.redactFields ? [...new Set(input.body.redactFields.map((f) => f.trim()).filter(Boolean))] : undefined;
  const updated = await db.$transaction(async (tx) => {
    const after = await tx.modelVersion.update({
      where: { id: v.id },
      data: { captureRate: input.body.captureRate, captureRedactFields: redact },
      select: { captureRate: true, captureRedactFields: true },
    });
    await recordAudit(tx, input.actor, {
      action: "version.capture_settings",
      targetType: "version",
      targetId: v.id,
      before: { captureRate: v.captureRate, redactFields: v.captureRedactFields ?? [] },
      after: { captureRate: after.captureRate, redactFields: after.captureRedactFields ?? [] },
    });
    return after;
  });
  return captureSettingsOf(updated);
}
