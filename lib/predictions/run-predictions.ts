import "server-only";
import type { Channel } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { announcePrediction } from "@/lib/predictions/announce-prediction";
import { predictionCaller } from "@/lib/predictions/prediction-caller";
import { db, pool } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

/** A running prediction holds a lease this long, renewed by its heartbeat; an expired lease means its run died. */
export const PREDICTION_LEASE_MS = 60_000;
const HEARTBEAT_MS = 15_000;
/** A run cut off by a restart is resumed once; a second cut-off fails the prediction. */
const MAX_RUNS = 2;
export const INTERRUPTED = "interrupted by a restart";

type Claimed = {
  id: string;
  attempts: number;
  apiKeyId: string | null;
  userId: string | null;
  channel: Channel;
  requestId: string;
  input: unknown;
  owner: string;
  name: string;
  version: string;
};

/**
 * Claims due predictions — `starting` ones and those left `processing` by a dead run (lease expired) that may
 * be resumed — with FOR UPDATE SKIP LOCKED, so several nodes may help and none runs a prediction twice at once.
 * Each claim marks it `processing` (startedAt, a lease, one more attempt) and queues its `start` webhook.
 */
async function claim(options: { id?: string; limit: number }): Promise<Claimed[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Claimed[]>`
      UPDATE predictions p SET status = 'processing', "startedAt" = COALESCE(p."startedAt", now()),
        "leaseUntil" = now() + ${PREDICTION_LEASE_MS} * interval '1 millisecond', attempts = p.attempts + 1
      FROM models m, teams t, model_versions v
      WHERE m.id = p."modelId" AND t.id = m."teamId" AND v.id = p."versionId" AND p.id IN (
        SELECT id FROM predictions
        WHERE (status = 'starting' OR (status = 'processing' AND "leaseUntil" < now() AND attempts < ${MAX_RUNS}))
          AND (${options.id ?? null}::uuid IS NULL OR id = ${options.id ?? null}::uuid)
        ORDER BY "createdAt" LIMIT ${options.limit} FOR UPDATE SKIP LOCKED)
      RETURNING p.id::text AS id, p.attempts, p."apiKeyId"::text AS "apiKeyId", p."userId"::text AS "userId",
        p.channel, p."requestId", p.input, t.slug AS owner, m.name, v.version`;
    for (const row of rows) if (row.attempts === 1) await announcePrediction(tx, row.id, ["start"]);
    return rows;
  });
}

/** Predictions whose runs died twice (lease expired, no runs left) fail with the reason, never stay lost. */
async function failAbandoned(): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE predictions SET status = 'failed', error = ${INTERRUPTED}, "errorCode" = 'service_unavailable',
        "completedAt" = now(), "leaseUntil" = NULL,
        "predictTimeMs" = EXTRACT(EPOCH FROM (now() - "startedAt")) * 1000
      WHERE id IN (SELECT id FROM predictions WHERE status = 'processing' AND "leaseUntil" < now() AND attempts >= ${MAX_RUNS}
        FOR UPDATE SKIP LOCKED)
      RETURNING id::text AS id`;
    for (const row of rows) await announcePrediction(tx, row.id, ["completed"]);
    return rows.length;
  });
}

/** One run: the same governed call as a synchronous invoke (recorded once, on the caller's channel). */
async function run(p: Claimed): Promise<void> {
  const started = performance.now();
  const heartbeat = setInterval(() => {
    pool()
      .query(`UPDATE predictions SET "leaseUntil" = now() + $2 * interval '1 millisecond' WHERE id = $1 AND status = 'processing'`, [
        p.id,
        PREDICTION_LEASE_MS,
      ])
      .catch((error: Error) => console.error(`[predictions] heartbeat of ${p.id} failed: ${error.message}`));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let output: unknown = null;
  let failure: { code: string; message: string } | null = null;
  try {
    const caller = await predictionCaller(p);
    const answer = await invokeModel({
      body: { input: p.input, bytes: Buffer.byteLength(JSON.stringify(p.input)) },
      caller,
      requestId: p.requestId,
      owner: p.owner,
      name: p.name,
      selector: { exact: p.version },
      channel: p.channel,
      admitted: true,
      render: (o) => {
        output = o;
        return JSON.stringify({ output: o, model: `${p.owner}/${p.name}`, version: p.version, requestId: p.requestId });
      },
    });
    // The gateway's answer is in the public error shape: the prediction keeps its code and message.
    if (answer.status >= 400) failure = (JSON.parse(answer.body) as { error: { code: string; message: string } }).error;
  } catch (error) {
    failure =
      error instanceof AppError ? { code: error.code, message: error.message } : { code: "internal_error", message: "The run failed." };
    if (!(error instanceof AppError)) console.error(`[predictions] run of ${p.id} failed`, error);
  } finally {
    clearInterval(heartbeat);
  }
  const ms = performance.now() - started;
  await db.$transaction(async (tx) => {
    // Only this run's claim may finish it: not a canceled prediction, nor one a later run has resumed.
    const done = await tx.prediction.updateMany({
      where: { id: p.id, status: "processing", attempts: p.attempts },
      data: {
        status: failure ? "failed" : "succeeded",
        output: failure ? undefined : (output as Prisma.InputJsonValue),
        error: failure?.message ?? null,
        errorCode: failure?.code ?? null,
        completedAt: new Date(),
        leaseUntil: null,
        predictTimeMs: ms,
      },
    });
    if (done.count === 1) await announcePrediction(tx, p.id, failure ? ["completed"] : ["output", "completed"]);
  });
}

async function runClaimed(rows: Claimed[]): Promise<number> {
  await Promise.all(rows.map((p) => run(p).catch((error: Error) => console.error(`[predictions] ${p.id}: ${error.message}`))));
  return rows.length;
}

/** The prediction job: fails runs that died twice, then claims and runs due predictions. Returns how many ran. */
export async function runDuePredictions(options: { limit?: number } = {}): Promise<number> {
  await failAbandoned();
  return runClaimed(await claim({ limit: options.limit ?? 10 }));
}

const inFlight = new Set<Promise<unknown>>();

/** Starts a just-accepted prediction's run in this process (the job picks it up if this never happens). */
export function kickPrediction(id: string): void {
  const running = claim({ id, limit: 1 })
    .then(runClaimed)
    .catch((error: Error) => console.error(`[predictions] could not start ${id}: ${error.message}`))
    .finally(() => inFlight.delete(running));
  inFlight.add(running);
}

/** Waits for the runs this process started (tests). */
export async function settlePredictionRuns(): Promise<void> {
  while (inFlight.size > 0) await Promise.all(inFlight);
}
