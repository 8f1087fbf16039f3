import "server-only";
import { db } from "@/lib/server/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/server/errors";
import { hardwareRateInputSchema } from "@/lib/usage/schemas";

/**
 * Adds a rate for a hardware class from its effective date on (admins only; audited). Rates are append-only:
 * calls already recorded keep the cost computed then, so past figures never change.
 */
export async function createHardwareRate(input: { actor: AuditActor & { id: string }; data: unknown }) {
  const data = hardwareRateInputSchema.parse(input.data);
  const hourlyRateMicros = BigInt(Math.round(data.hourlyRate * 1_000_000));
  return db.$transaction(async (tx) => {
    const clash = await tx.hardwareRate.findUnique({
      where: { hardwareClass_effectiveFrom: { hardwareClass: data.hardwareClass, effectiveFrom: data.effectiveFrom } },
    });
    if (clash) throw new AppError("conflict", `A rate for ${data.hardwareClass} already starts at ${data.effectiveFrom.toISOString()}.`);
    const rate = await tx.hardwareRate.create({
      data: { hardwareClass: data.hardwareClass, hourlyRateMicros, effectiveFrom: data.effectiveFrom, createdById: input.actor.id },
    });
    await recordAudit(tx, input.actor, {
      action: "hardware_rate.create",
      targetType: "hardware_rate",
      targetId: rate.id,
      after: {
        hardwareClass: rate.hardwareClass,
        hourlyRateMicros: rate.hourlyRateMicros.toString(),
        effectiveFrom: rate.effectiveFrom.toISOString(),
      },
    });
    return rate;
  });
}
