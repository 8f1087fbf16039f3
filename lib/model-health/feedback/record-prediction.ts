import "server-only";
import type { QualityKind } from "@/lib/generated/prisma/enums";
import { extractPrediction } from "@/lib/model-health/feedback/extract-prediction";
import { kdb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { GroupCommitRecorder } from "@/lib/usage/recorder/group-commit";

type PredictionRow = {
  requestId: string;
  versionId: string;
  appId: string | null;
  at: Date;
  predictedLabel: string | null;
  predictedValue: number | null;
};

// Batched like the invocation recorder, but nobody waits for it: the answer leaves without this write.
const recorder = new GroupCommitRecorder<PredictionRow>(async (rows) => {
  await kdb()
    .insertInto("ground_truth")
    .values(rows)
    .onConflict((oc) => oc.column("requestId").doNothing())
    .execute();
});

/**
 * Keeps what a scored call predicted (a version with a quality kind, a single-row answer), so feedback can be
 * joined to it later. Off the request path: queued here and written in batches; a failed write is logged,
 * never the caller's problem.
 */
export function rememberPrediction(input: {
  kind: QualityKind;
  outputSchema: unknown;
  output: unknown;
  requestId: string;
  versionId: string;
  appId: string | null;
  at: Date;
}): void {
  const predicted = extractPrediction(input.kind, input.output, input.outputSchema);
  if (!predicted) return;
  const row = {
    requestId: input.requestId,
    versionId: input.versionId,
    appId: input.appId,
    at: input.at,
    predictedLabel: predicted.label,
    predictedValue: predicted.value,
  };
  recorder
    .record(row)
    .catch((err: unknown) => log().warn({ requestId: input.requestId, err }, "could not keep a prediction for ground truth"));
}
