import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueWebhookEvent } from "@/lib/governance/webhooks/enqueue-event";
import { AppError } from "@/lib/server/errors";
import { findOwnModel } from "@/lib/publishing/find-own-model";
import type { PublishContext } from "@/lib/publishing/publisher";
import type { ModelMetadata, PatchModelInput } from "@/lib/publishing/schemas";

const SELECT = {
  slug: true,
  name: true,
  displayName: true,
  summary: true,
  card: true,
  tags: true,
  task: true,
  license: true,
  contactEmail: true,
  riskLevel: true,
  valuePerCallMicros: true,
  intendedUse: true,
  limitations: true,
  updatedAt: true,
  team: { select: { slug: true } },
  businessOwner: { select: { email: true } },
} as const;

type Row = Prisma.ModelGetPayload<{ select: typeof SELECT }>;

const view = (m: Row, changed: string[]): ModelMetadata => ({
  slug: m.slug,
  owner: m.team.slug,
  name: m.name,
  displayName: m.displayName,
  summary: m.summary,
  card: m.card,
  tags: m.tags,
  task: m.task,
  license: m.license,
  contactEmail: m.contactEmail,
  riskLevel: m.riskLevel,
  businessOwnerEmail: m.businessOwner?.email ?? null,
  valuePerCallMicros: Number(m.valuePerCallMicros),
  intendedUse: m.intendedUse,
  limitations: m.limitations,
  updatedAt: m.updatedAt.toISOString(),
  changed,
});

// The audit keeps the card's length, not its text (up to 200,000 characters per edit).
const auditable = (m: ModelMetadata, fields: string[]) =>
  Object.fromEntries(
    fields.map((f) => [f, f === "card" ? `${m.card.length} characters` : (m as Record<string, unknown>)[f]]),
  ) as Prisma.InputJsonObject;

/**
 * Changes a model's metadata and card (the owning team; a key: its app's team). Versions are untouched: what
 * was submitted stays as it was. Audited with before/after, announced as the `model.updated` webhook.
 */
export async function updateModel(ctx: PublishContext, owner: string, name: string, patch: PatchModelInput): Promise<ModelMetadata> {
  return db.$transaction(async (tx) => {
    const own = await findOwnModel(tx, ctx.publisher, owner, name);
    await tx.$queryRaw`SELECT id FROM models WHERE id = ${own.id}::uuid FOR UPDATE`;
    const before = view(await tx.model.findUniqueOrThrow({ where: { id: own.id }, select: SELECT }), []);
    const { businessOwnerEmail, tags, ...plain } = patch;
    const data: Prisma.ModelUncheckedUpdateInput = {};
    for (const [k, v] of Object.entries(plain))
      if (v !== undefined)
        (data as Record<string, unknown>)[k] = k === "valuePerCallMicros" ? BigInt(v as number) : v === "" && k === "license" ? null : v;
    if (tags !== undefined) data.tags = [...new Set(tags)];
    if (businessOwnerEmail !== undefined) {
      if (businessOwnerEmail === null) data.businessOwnerId = null;
      else {
        const person = await tx.user.findUnique({ where: { email: businessOwnerEmail.toLowerCase() }, select: { id: true } });
        if (!person)
          throw new AppError("unprocessable", `No user has the email ${businessOwnerEmail}.`, { details: { field: "businessOwnerEmail" } });
        data.businessOwnerId = person.id;
      }
    }
    const candidate = await tx.model.update({ where: { id: own.id }, data, select: SELECT });
    const after = view(candidate, []);
    const changed = (Object.keys(before) as (keyof ModelMetadata)[]).filter(
      (k) => k !== "updatedAt" && k !== "changed" && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (changed.length > 0) {
      await recordAudit(tx, ctx.actor, {
        action: "model.update",
        targetType: "model",
        targetId: own.id,
        before: auditable(before, changed),
        after: { slug: own.slug, ...auditable(after, changed) },
      });
      await enqueueWebhookEvent(tx, "model.updated", { model: own.slug, changed, updatedAt: after.updatedAt });
    }
    return { ...after, changed };
  });
}
