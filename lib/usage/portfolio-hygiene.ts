import "server-only";
import { db } from "@/lib/server/db";
import { cardHasSection } from "@/lib/governance/card-sections";

const SECTIONS = ["Intended use", "Limitations", "Training data", "Evaluation"] as const;

/** Models and versions that need attention: no owner, incomplete card, nothing approved, unused, or stuck in review. */
export async function portfolioHygiene(input: { pendingDays?: number; now?: Date } = {}) {
  const now = input.now ?? new Date();
  const pendingDays = input.pendingDays ?? 7;
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const models = await db.model.findMany({
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      displayName: true,
      card: true,
      intendedUse: true,
      limitations: true,
      businessOwnerId: true,
      team: { select: { name: true } },
      versions: { where: { status: "approved" }, select: { id: true }, take: 1 },
    },
  });
  const called = new Set((await db.usageHourly.groupBy({ by: ["modelId"], where: { bucket: { gte: since30 } } })).map((u) => u.modelId));
  const stuck = await db.modelVersion.findMany({
    where: { status: "pending_review", submittedAt: { lt: new Date(now.getTime() - pendingDays * 86_400_000) } },
    orderBy: { submittedAt: "asc" },
    select: { id: true, version: true, submittedAt: true, model: { select: { slug: true } } },
  });
  const missingSections = (m: (typeof models)[number]) =>
    SECTIONS.filter(
      (s) =>
        !(cardHasSection(m.card, s) || (s === "Intended use" && m.intendedUse.trim()) || (s === "Limitations" && m.limitations.trim())),
    );
  return {
    withoutOwner: models.filter((m) => !m.businessOwnerId).map((m) => ({ slug: m.slug, team: m.team.name })),
    incompleteCard: models
      .map((m) => ({ slug: m.slug, team: m.team.name, missing: missingSections(m) }))
      .filter((m) => m.missing.length > 0),
    noApprovedVersion: models.filter((m) => m.versions.length === 0).map((m) => ({ slug: m.slug, team: m.team.name })),
    noCalls30d: models.filter((m) => m.versions.length > 0 && !called.has(m.id)).map((m) => ({ slug: m.slug, team: m.team.name })),
    pendingTooLong: stuck.map((v) => ({
      id: v.id,
      slug: v.model.slug,
      version: v.version,
      submittedAt: v.submittedAt,
      days: v.submittedAt ? Math.floor((now.getTime() - v.submittedAt.getTime()) / 86_400_000) : null,
    })),
    pendingDays,
  };
}
