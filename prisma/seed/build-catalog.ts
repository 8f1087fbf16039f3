// Models, their versions (with every status), reviews and the audit trail of the catalog.
import type { Prisma } from "../../lib/generated/prisma/client";
import type { Org } from "./build-org";
import { cardFor } from "./card";
import { planLifecycle, type VersionPlan } from "./lifecycles";
import { seedId, type Rng } from "./random";
import { reviewFor } from "./reviews";
import { auditEvent, type Person, type SeedRows } from "./rows";
import { servingFor, type Serving } from "./serving";
import { ioContract, type IoContract } from "./task-io";
import type { ModelDef } from "./types";

const DAY = 86_400_000;

export type CatalogVersion = { id: string; plan: VersionPlan; serving: Serving };
export type CatalogModel = { def: ModelDef; id: string; slug: string; io: IoContract; versions: CatalogVersion[] };

const SERVED = new Set(["approved", "deprecated", "retired"]);

function deprecationMessage(plan: VersionPlan, all: VersionPlan[]): string {
  const successor =
    all.find((v) => v.major > plan.major && v.reviewedAt && SERVED.has(v.status)) ??
    all.find((v) => v.version !== plan.version && v.reviewedAt && SERVED.has(v.status) && v.reviewedAt > (plan.reviewedAt ?? 0));
  const target = successor ? `${successor.major}.${successor.minor}` : "the latest version";
  return `Superseded by ${successor?.version ?? "a newer version"}. Pin ^${target} and re-check your thresholds before the sunset date.`;
}

export function buildCatalog(rows: SeedRows, defs: ModelDef[], options: { now: Date; rng: Rng; org: Org }): CatalogModel[] {
  const { now, rng, org } = options;
  const reviewers = [...org.byRole("reviewer"), org.person("admin@modelport.local")];
  // Nobody reviews their own version; the demo reviewer gets a good share of the queue.
  const pickReviewers = (r: Rng, count: number, author: Person): Person[] => {
    const pool = reviewers.filter((p) => p.id !== author.id);
    const lead = pool[0];
    return r.chance(0.45) && lead ? [lead, ...r.sample(pool.slice(1), count - 1)] : r.sample(pool, count);
  };
  const catalog: CatalogModel[] = [];

  for (const def of defs) {
    const slug = `${def.team}/${def.name}`;
    const id = seedId("model", slug);
    const r = rng.fork(`model:${slug}`);
    const { modelCreatedAt, versions: plans } = planLifecycle(def.lifecycle, r, now);
    const team = org.members(def.team);
    const publishers = team.filter((m) => m.role === "publisher");
    const authors = publishers.length > 0 ? publishers : team.filter((m) => m.teamRole === "maintainer");
    if (authors.length === 0) throw new Error(`seed data: team ${def.team} has no publishers`);
    const maintainer = team.find((m) => m.teamRole === "maintainer") ?? authors[0];
    const creator = r.pick(authors);
    const io = ioContract(def.io);
    const card = cardFor(def);
    const versions: CatalogVersion[] = plans.map((plan) => ({
      id: seedId("version", `${slug}@${plan.version}`),
      plan,
      serving: servingFor(def, plan.major),
    }));
    let updatedAt = modelCreatedAt;
    const audit = (at: Date, actor: Person, action: string, targetType: string, targetId: string, after: Prisma.InputJsonValue) => {
      if (at > updatedAt) updatedAt = at;
      rows.auditEvents.push(auditEvent({ at, actor, action, targetType, targetId, after }));
    };
    audit(modelCreatedAt, creator, "model.created", "model", id, { slug, visibility: def.gated ? "gated" : "public" });

    for (const { id: versionId, plan, serving } of versions) {
      const author = r.pick(authors);
      // High-risk models need two approvals; the second reviewer is the approver of record.
      const chosen = plan.reviewedAt ? pickReviewers(r, def.risk === "high" && plan.status !== "rejected" ? 2 : 1, author) : [];
      const approver = chosen.at(-1) ?? null;
      const approved = SERVED.has(plan.status);
      const replacement = plan.replacement ? versions.find((v) => v.plan.version === plan.replacement) : undefined;
      rows.versions.push({
        id: versionId,
        modelId: id,
        version: plan.version,
        major: plan.major,
        minor: plan.minor,
        patch: plan.patch,
        status: plan.status,
        runtime: serving.runtime,
        httpProtocol: serving.httpProtocol,
        endpointUrl: serving.endpointUrl,
        upstreamModelName: serving.upstreamModelName,
        timeoutMs: serving.timeoutMs,
        artifactPath: serving.artifact?.key ?? null,
        artifactSha256: serving.artifact?.sha256 ?? null,
        artifactSize: serving.artifact ? BigInt(serving.artifact.size) : null,
        inputSchema: io.inputSchema,
        outputSchema: io.outputSchema,
        exampleInput: io.exampleInput,
        costModel: serving.costModel,
        changelog: plan.changelog,
        createdById: author.id,
        createdAt: plan.createdAt,
        submittedById: plan.submittedAt ? author.id : null,
        submittedAt: plan.submittedAt,
        approvedById: approved && approver ? approver.id : null,
        approvedAt: approved ? plan.reviewedAt : null,
        deprecatedAt: plan.deprecatedAt,
        sunsetAt: plan.retiredAt ?? plan.sunsetAt,
        deprecationMessage: plan.deprecatedAt ? deprecationMessage(plan, plans) : null,
        retiredAt: plan.retiredAt,
        replacementVersionId: replacement?.id ?? null,
        updatedAt:
          [plan.retiredAt, plan.deprecatedAt, plan.reviewedAt, plan.submittedAt, plan.createdAt].find((d): d is Date => d !== null) ??
          plan.createdAt,
      });
      audit(plan.createdAt, author, "version.created", "model_version", versionId, {
        model: slug,
        version: plan.version,
        runtime: serving.runtime,
      });
      if (plan.submittedAt)
        audit(plan.submittedAt, author, "version.submitted", "model_version", versionId, { model: slug, version: plan.version });
      if (plan.reviewedAt && approver) {
        const reviewedAt = plan.reviewedAt;
        const decision = plan.status === "rejected" ? "reject" : "approve";
        chosen.forEach((reviewer, i) => {
          const earlier = reviewedAt.getTime() - (chosen.length - 1 - i) * DAY * r.between(0.3, 1);
          const at = new Date(Math.max(earlier, (plan.submittedAt?.getTime() ?? earlier) + 1_800_000 * (i + 1)));
          const { checklist, comment } = reviewFor(def, decision, r);
          rows.reviews.push({
            id: seedId("review", `${slug}@${plan.version}#${reviewer.email}`),
            versionId,
            reviewerId: reviewer.id,
            decision,
            comment,
            checklist,
            createdAt: at,
          });
        });
        audit(reviewedAt, approver, decision === "approve" ? "version.approved" : "version.rejected", "model_version", versionId, {
          model: slug,
          version: plan.version,
          status: decision === "approve" ? "approved" : "rejected",
        });
      }
      if (plan.deprecatedAt) {
        audit(plan.deprecatedAt, maintainer, "version.deprecated", "model_version", versionId, {
          model: slug,
          version: plan.version,
          sunsetAt: (plan.retiredAt ?? plan.sunsetAt)?.toISOString() ?? null,
        });
      }
      if (plan.retiredAt) {
        audit(plan.retiredAt, org.person("admin@modelport.local"), "version.retired", "model_version", versionId, {
          model: slug,
          version: plan.version,
          replacement: plan.replacement,
        });
      }
    }

    const served = versions.filter((v) => SERVED.has(v.plan.status));
    rows.models.push({
      id,
      teamId: org.teamId(def.team),
      name: def.name,
      slug,
      displayName: def.displayName,
      summary: def.summary,
      card: card.card,
      task: def.task,
      framework: def.framework,
      tags: def.tags,
      license: def.license,
      visibility: def.gated ? "gated" : "public",
      businessOwnerId: org.person(def.businessOwner).id,
      valuePerCallMicros: BigInt(def.valuePerCall),
      expectedMonthlyValueMicros:
        served.length > 0 && def.valuePerCall > 0 && r.chance(0.7) ? BigInt(Math.round(def.valuePerCall * r.between(1500, 12000))) : null,
      riskLevel: def.risk,
      intendedUse: card.intendedUse,
      limitations: card.limitations,
      createdAt: modelCreatedAt,
      updatedAt,
    });
    catalog.push({ def, id, slug, io, versions });
  }
  return catalog;
}
