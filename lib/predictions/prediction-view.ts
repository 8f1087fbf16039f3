import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PREDICTION_EVENTS, type PredictionEvent, type PredictionView } from "@/lib/predictions/schemas";

/** What every read of a prediction selects, for its public view. */
export const predictionSelect = {
  id: true,
  status: true,
  input: true,
  output: true,
  error: true,
  errorCode: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  inputPurgedAt: true,
  predictTimeMs: true,
  webhookUrl: true,
  webhookEvents: true,
  model: { select: { name: true, team: { select: { slug: true } } } },
  version: { select: { version: true } },
} satisfies Prisma.PredictionSelect;

export type PredictionRow = Prisma.PredictionGetPayload<{ select: typeof predictionSelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function predictionView(row: PredictionRow): PredictionView {
  const self = `/api/v1/predictions/${row.id}`;
  return {
    id: row.id,
    status: row.status,
    model: `${row.model.team.slug}/${row.model.name}`,
    version: row.version.version,
    input: row.input ?? null,
    output: row.output ?? null,
    error: row.error,
    errorCode: row.errorCode,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    inputPurgedAt: iso(row.inputPurgedAt),
    metrics: { predictTimeMs: row.predictTimeMs === null ? null : Math.round(row.predictTimeMs * 100) / 100 },
    webhook: row.webhookUrl,
    webhookEventsFilter: row.webhookEvents.filter((e): e is PredictionEvent => (PREDICTION_EVENTS as readonly string[]).includes(e)),
    urls: { get: self, cancel: `${self}/cancel` },
  };
}
