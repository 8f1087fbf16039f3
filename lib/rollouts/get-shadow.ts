import "server-only";
import { sql } from "kysely";
import type { Principal } from "@/lib/auth/principal";
import { db, kdb } from "@/lib/server/db";
import { findStewardedModel } from "@/lib/rollouts/model-steward";
import type { ShadowFigures, ShadowView } from "@/lib/rollouts/schemas";

const WINDOW_MS = 7 * 24 * 3_600_000;

/** The comparison figures of a model's candidate since `since`: agreement, difference, latency and errors. */
export async function shadowFigures(modelId: string, candidateVersionId: string, since: Date): Promise<ShadowFigures> {
  const row = await kdb()
    .selectFrom("shadow_comparisons")
    .where("modelId", "=", modelId)
    .where("candidateVersionId", "=", candidateVersionId)
    .where("at", ">=", since)
    .select([
      sql<string>`count(*)`.as("n"),
      sql<number | null>`avg(CASE WHEN agreement THEN 1.0 WHEN NOT agreement THEN 0.0 END)`.as("agreement"),
      sql<number | null>`avg("absDiff")`.as("absDiff"),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY "servingMs")`.as("s50"),
      sql<number | null>`percentile_cont(0.95) WITHIN GROUP (ORDER BY "servingMs")`.as("s95"),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY "candidateMs")`.as("c50"),
      sql<number | null>`percentile_cont(0.95) WITHIN GROUP (ORDER BY "candidateMs")`.as("c95"),
      sql<string>`count(*) FILTER (WHERE "servingError" IS NOT NULL)`.as("servingErrors"),
      sql<string>`count(*) FILTER (WHERE "candidateError" IS NOT NULL)`.as("candidateErrors"),
    ])
    .executeTakeFirstOrThrow();
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    since: since.toISOString(),
    comparisons: Number(row.n),
    agreementRate: num(row.agreement),
    meanAbsDiff: num(row.absDiff),
    servingLatencyMs: { p50: num(row.s50), p95: num(row.s95) },
    candidateLatencyMs: { p50: num(row.c50), p95: num(row.c95) },
    servingErrors: Number(row.servingErrors),
    candidateErrors: Number(row.candidateErrors),
  };
}

/** A model's shadow with its figures, by model id (pages) — the caller has checked who may see it. */
export async function shadowOf(modelId: string): Promise<ShadowView> {
  const shadow = await db.modelShadow.findUnique({
    where: { modelId },
    select: {
      candidateVersionId: true,
      percent: true,
      updatedAt: true,
      setById: true,
      candidateVersion: { select: { version: true, status: true } },
    },
  });
  if (!shadow) return { shadow: null, figures: null };
  const setBy = shadow.setById ? await db.user.findUnique({ where: { id: shadow.setById }, select: { name: true } }) : null;
  const since = new Date(Date.now() - WINDOW_MS);
  return {
    shadow: {
      version: shadow.candidateVersion.version,
      status: shadow.candidateVersion.status,
      percent: shadow.percent,
      setBy: setBy?.name ?? null,
      updatedAt: shadow.updatedAt.toISOString(),
    },
    figures: await shadowFigures(modelId, shadow.candidateVersionId, since),
  };
}

/** The model's shadow and its comparison figures (the team, reviewers, admins). */
export async function getShadow(principal: Principal | null, ref: { owner: string; name: string }): Promise<ShadowView> {
  const model = await findStewardedModel(principal, ref.owner, ref.name, { reviewers: true });
  return shadowOf(model.id);
}
