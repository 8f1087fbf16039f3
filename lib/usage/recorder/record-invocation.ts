import "server-only";
import { pool } from "@/lib/server/db";
import { gaugeAtScrape, recorderCommitSeconds } from "@/lib/server/metrics";
import { clampCallMicros } from "@/lib/usage/compute-cost";
import { GroupCommitRecorder, type RecorderStats } from "@/lib/usage/recorder/group-commit";
import type { InvocationRecord } from "@/lib/usage/recorder/types";
import { writeInvocationBatch } from "@/lib/usage/recorder/write-batch";

// api_keys.lastUsedAt is refreshed at most once a minute per key per process, inside the batch statement.
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();

// One writer per process on the process's one pool (lib/server/db.ts): a flush holds one connection at a time.
const recorder = new GroupCommitRecorder<InvocationRecord>(async (rows) => {
  const now = Date.now();
  const due = new Set<string>();
  for (const r of rows) if (r.apiKeyId && now - (touched.get(r.apiKeyId) ?? 0) >= TOUCH_EVERY_MS) due.add(r.apiKeyId);
  const started = performance.now();
  await writeInvocationBatch(pool(), rows, [...due]);
  recorderCommitSeconds.observe((performance.now() - started) / 1000);
  for (const id of due) touched.set(id, now);
});

gaugeAtScrape(
  "modelport_recorder_backlog",
  "Recorded calls waiting for their group commit in this process.",
  () => recorder.stats().backlog,
);
gaugeAtScrape(
  "modelport_recorder_failures",
  "Calls this process's recorder could not commit since it started.",
  () => recorder.stats().failures,
);

/**
 * Records one invocation; resolves once its row (and its roll-up queue entry) is committed — only then may the
 * response go out. The roll-ups follow within about a second (lib/usage/rollups/rollup-worker.ts). Cost and
 * value are clamped to the documented per-call maximum, so no call can push a roll-up past bigint on its own.
 */
export function recordInvocation(row: InvocationRecord): Promise<void> {
  return recorder.record({ ...row, costMicros: clampCallMicros(row.costMicros), valueMicros: clampCallMicros(row.valueMicros) });
}

export function recorderStats(): RecorderStats {
  return recorder.stats();
}
