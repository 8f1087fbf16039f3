import "server-only";
import { db } from "@/lib/server/db";

/** How long a finished prediction keeps its input and output (MODELPORT_PREDICTION_RETENTION_HOURS, default 24). */
export function predictionRetentionHours(): number {
  const raw = process.env.MODELPORT_PREDICTION_RETENTION_HOURS;
  if (raw === undefined || raw === "") return 24;
  const hours = Number(raw);
  // A typo must not keep data longer (or shorter) than meant: the job fails and says why, every run.
  if (!Number.isFinite(hours) || hours < 0)
    throw new Error(`MODELPORT_PREDICTION_RETENTION_HOURS must be a number of hours ≥ 0, not "${raw}".`);
  return hours;
}

/**
 * Deletes the inputs and outputs of predictions finished longer ago than the retention period, and the copies
 * in their sent webhook deliveries; the metadata (status, times, model, caller) stays. Returns how many.
 */
export async function purgePredictionData(options: { retentionHours?: number } = {}): Promise<number> {
  const hours = options.retentionHours ?? predictionRetentionHours();
  return db.$transaction(async (tx) => {
    const purged = await tx.$queryRaw<{ id: string }[]>`
      UPDATE predictions SET input = NULL, output = NULL, "inputPurgedAt" = now()
      WHERE "inputPurgedAt" IS NULL AND status IN ('succeeded', 'failed', 'canceled')
        AND "completedAt" < now() - ${hours} * interval '1 hour'
      RETURNING id::text AS id`;
    if (purged.length === 0) return 0;
    await tx.$executeRaw`
      UPDATE webhook_deliveries SET payload = jsonb_build_object('id', payload->'id', 'event', event, 'purged', true)
      WHERE "predictionId" = ANY(${purged.map((p) => p.id)}::uuid[]) AND status <> 'pending'`;
    return purged.length;
  });
}
