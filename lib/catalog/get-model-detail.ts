import "server-only";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { modelFacts } from "@/lib/catalog/model-facts";
import { DISCOVERABLE_STATUSES, type ModelDetail } from "@/lib/catalog/schemas";
import type { CatalogViewer } from "@/lib/catalog/search-models";
import { isAwaitingApproval } from "@/lib/catalog/approval-state";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A model with its versions as the viewer may see it: the same rule as the catalog (discoverable, or of
 * the viewer's team), else 404 — so a hidden model cannot be told apart from one that does not exist.
 * Outside the owning team, drafts and rejected versions are left out.
 */
export async function getModelDetail(input: { viewer: CatalogViewer; owner: string; name: string }): Promise<ModelDetail> {
  const model = await db.model.findFirst({
    where: { name: input.name, team: { slug: input.owner } },
    include: {
      team: { include: { businessUnit: { select: { name: true } } } },
      businessOwner: { select: { name: true, email: true } },
      versions: {
        orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }, { createdAt: "desc" }],
        include: { reviews: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { name: true } } } } },
      },
    },
  });
  const own = model ? input.viewer.teamIds.includes(model.teamId) : false;
  const discoverable = (s: string) => (DISCOVERABLE_STATUSES as readonly string[]).includes(s);
  if (!model || (!own && !model.catalogStatuses.some(discoverable))) throw notFound(`Model ${input.owner}/${input.name}`);
  const versions = model.versions.filter((v) => own || discoverable(v.status) || v.status === "retired");
  const approved = versions.find((v) => v.status === "approved");
  return {
    id: model.id,
    slug: model.slug,
    owner: model.team.slug,
    name: model.name,
    displayName: model.displayName,
    summary: model.summary,
    card: model.card,
    task: model.task,
    framework: model.framework,
    tags: model.tags,
    license: model.license,
    visibility: model.visibility,
    riskLevel: model.riskLevel,
    intendedUse: model.intendedUse,
    limitations: model.limitations,
    valuePerCallMicros: Number(model.valuePerCallMicros),
    // The model's own contact (editable by its team) before the team's.
    team: {
      slug: model.team.slug,
      name: model.team.name,
      contactEmail: model.contactEmail ?? model.team.contactEmail,
      businessUnit: model.team.businessUnit.name,
    },
    businessOwner: model.businessOwner,
    latestVersion: approved?.version ?? null,
    awaitingApproval: isAwaitingApproval(versions.map((v) => v.status)),
    healthStatus: model.healthStatus,
    createdAt: model.createdAt.toISOString(),
    updatedAt: model.updatedAt.toISOString(),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      runtime: v.runtime,
      httpProtocol: v.httpProtocol,
      changelog: v.changelog,
      inputSchema: v.inputSchema,
      outputSchema: v.outputSchema,
      exampleInput: v.exampleInput,
      costModel: v.costModel,
      createdAt: v.createdAt.toISOString(),
      submittedAt: iso(v.submittedAt),
      approvedAt: iso(v.approvedAt),
      deprecatedAt: iso(v.deprecatedAt),
      deprecationMessage: v.deprecationMessage,
      sunsetAt: iso(v.sunsetAt),
      retiredAt: iso(v.retiredAt),
      reviews: v.reviews.map((r) => ({
        decision: r.decision,
        comment: r.comment,
        reviewer: r.reviewer.name,
        createdAt: r.createdAt.toISOString(),
      })),
    })),
    facts: await modelFacts({ modelId: model.id }),
  };
}
