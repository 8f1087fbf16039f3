import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { actingTeamIds, type Principal } from "@/lib/auth/principal";
import { classLabelsOf, normalizeLabel } from "@/lib/model-health/feedback/extract-prediction";
import { MAX_FEEDBACK_ITEMS, type FeedbackBody, type FeedbackItemResult } from "@/lib/model-health/feedback/schemas";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";

type Item = { requestId: string; actual: string | number | boolean };

/** May this principal give feedback on a call: a key of the app that made it, or the model's owning team. */
function mayGiveFeedback(principal: Principal, row: { appId: string | null; teamId: string }): boolean {
  if (principal.appId && row.appId === principal.appId) return true;
  return actingTeamIds(principal).includes(row.teamId) || (!principal.key && principal.role === "admin");
}

/**
 * Joins feedback (the actual label or value) to recorded calls of versions that collect ground truth, by
 * request id. Feedback for a call replaces the earlier one. A call the caller may not give feedback on
 * answers like one that was never recorded. The single form answers 404 / 422 when its item is not stored;
 * a batch answers per item. One audit event per version touched, in the transaction that stores it.
 */
export async function giveFeedback(input: { principal: Principal; actor: AuditActor; body: FeedbackBody }) {
  const single = !("items" in input.body);
  const items: Item[] = "items" in input.body ? input.body.items : [input.body];
  if (items.length > MAX_FEEDBACK_ITEMS)
    throw new AppError("unprocessable", `At most ${MAX_FEEDBACK_ITEMS} feedback items per request (got ${items.length}).`);
  const ids = [...new Set(items.map((i) => i.requestId))];
  const rows = await db.groundTruth.findMany({
    where: { requestId: { in: ids } },
    select: {
      requestId: true,
      appId: true,
      versionId: true,
      predictedLabel: true,
      predictedValue: true,
      version: { select: { qualityKind: true, outputSchema: true, model: { select: { teamId: true } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.requestId, r]));
  const results: FeedbackItemResult[] = [];
  // The last item for a request id wins, as a second request would.
  const updates = new Map<string, { versionId: string; actualLabel: string | null; actualValue: number | null }>();
  for (const item of items) {
    const row = byId.get(item.requestId);
    if (!row || !row.version.qualityKind || !mayGiveFeedback(input.principal, { appId: row.appId, teamId: row.version.model.teamId })) {
      results.push({ requestId: item.requestId, matched: false, reason: "not_found" });
      continue;
    }
    if (row.version.qualityKind === "classification") {
      const label = normalizeLabel(item.actual, classLabelsOf(row.version.outputSchema));
      if (label === null) {
        results.push({ requestId: item.requestId, matched: false, reason: "invalid_actual" });
        continue;
      }
      updates.set(item.requestId, { versionId: row.versionId, actualLabel: label, actualValue: null });
      results.push({ requestId: item.requestId, matched: true, correct: label === row.predictedLabel });
    } else {
      const value = typeof item.actual === "number" ? item.actual : typeof item.actual === "string" ? Number(item.actual) : NaN;
      if (!Number.isFinite(value) || row.predictedValue === null) {
        results.push({ requestId: item.requestId, matched: false, reason: "invalid_actual" });
        continue;
      }
      updates.set(item.requestId, { versionId: row.versionId, actualLabel: null, actualValue: value });
      results.push({ requestId: item.requestId, matched: true, absoluteError: Math.abs(value - row.predictedValue) });
    }
  }
  if (single && !results[0].matched) {
    if (results[0].reason === "invalid_actual")
      throw new AppError("unprocessable", "The actual value does not fit the version's quality kind (a class label or a number).");
    throw notFound("A scored call with that request id (it may not be recorded yet, or its version does not collect ground truth)");
  }
  if (updates.size > 0) await storeFeedback(input, updates);
  return { matched: results.filter((r) => r.matched).length, items: results };
}

async function storeFeedback(
  input: { principal: Principal; actor: AuditActor },
  updates: Map<string, { versionId: string; actualLabel: string | null; actualValue: number | null }>,
) {
  const ids = [...updates.keys()];
  const labels = ids.map((id) => updates.get(id)!.actualLabel);
  const values = ids.map((id) => updates.get(id)!.actualValue);
  const byVersion = new Map<string, string[]>();
  for (const [id, u] of updates) byVersion.set(u.versionId, [...(byVersion.get(u.versionId) ?? []), id]);
  const keyId = input.principal.keyId ?? null;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE ground_truth g SET "actualLabel" = u.label, "actualValue" = u.value, "feedbackAt" = now(),
        "feedbackById" = ${input.principal.userId}::uuid, "feedbackKeyId" = ${keyId}::uuid
      FROM unnest(${ids}::text[], ${labels}::text[], ${values}::float8[]) AS u(id, label, value)
      WHERE g."requestId" = u.id`;
    for (const [versionId, requestIds] of byVersion)
      await recordAudit(tx, input.actor, {
        action: "feedback.give",
        targetType: "version",
        targetId: versionId,
        after: { calls: requestIds.length, requestIds: requestIds.slice(0, 20) },
      });
  });
}
