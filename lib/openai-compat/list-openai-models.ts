import "server-only";
import { authorizeInvocation } from "@/lib/gateway/authorize-invocation";
import type { ResolvedTarget } from "@/lib/gateway/resolve-version";
import type { Caller } from "@/lib/auth/principal";
import { db } from "@/lib/server/db";

const CALLABLE = ["approved", "deprecated"] as const;

/**
 * GET /v1/models: the models with an approved or deprecated OpenAI-compatible version that this caller may
 * call, judged by the gateway's own rule (lib/gateway/authorize-invocation.ts: allow-list, gated grants), so
 * the list never promises what the call then refuses. Id `owner/name`, the value to send as `model`.
 */
export async function listOpenAiModels(caller: Caller) {
  const models = await db.model.findMany({
    where: { versions: { some: { status: { in: [...CALLABLE] }, OR: [{ runtime: "openai" }, { httpProtocol: "openai" }] } } },
    select: {
      id: true,
      name: true,
      teamId: true,
      visibility: true,
      valuePerCallMicros: true,
      createdAt: true,
      team: { select: { slug: true } },
      versions: {
        where: { status: { in: [...CALLABLE] }, OR: [{ runtime: "openai" }, { httpProtocol: "openai" }] },
        select: {
          id: true,
          version: true,
          status: true,
          updatedAt: true,
          deprecatedAt: true,
          deprecationMessage: true,
          sunsetAt: true,
          retiredAt: true,
        },
        take: 1,
      },
    },
    orderBy: [{ team: { slug: "asc" } }, { name: "asc" }],
  });
  const data = [];
  for (const { team, versions, createdAt, ...model } of models) {
    const label = `${team.slug}/${model.name}`;
    const target: ResolvedTarget = { model: { ...model, label }, version: { ...versions[0], replacementVersion: null } };
    const allowed = await authorizeInvocation(caller, target).then(
      () => true,
      () => false,
    );
    if (allowed) data.push({ id: label, object: "model" as const, created: Math.floor(createdAt.getTime() / 1000), owned_by: team.slug });
  }
  return { object: "list" as const, data };
}
