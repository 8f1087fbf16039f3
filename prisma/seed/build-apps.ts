// Consumer apps with API keys (one revoked after a rotation, one expired), and gated-model access:
// approved requests with their grants, pending ones and denied ones.
import { generateApiKey } from "../../lib/auth/api-keys";
import { ACCESS_REQUESTS, APPS } from "./apps-data";
import type { Org } from "./build-org";
import { seedId, type Rng } from "./random";
import { auditEvent, type SeedRows } from "./rows";

const DAY = 86_400_000;

export type SeededKey = { id: string; name: string; createdAt: Date; endsAt: Date | null; extra: boolean };
export type SeededApp = { id: string; name: string; team: string; keys: SeededKey[] };
/** When each app got access to each gated model: `${modelSlug}|${appName}` → grant time. */
export type Grants = Map<string, Date>;

export function buildApps(
  rows: SeedRows,
  options: { now: Date; rng: Rng; org: Org; modelIds: Map<string, string> },
): { apps: SeededApp[]; grants: Grants } {
  const { now, rng, org, modelIds } = options;
  const ago = (days: number) => new Date(now.getTime() - days * DAY - rng.between(1, 8) * 3_600_000);
  const apps: SeededApp[] = [];
  for (const def of APPS) {
    const id = seedId("app", `${def.team}/${def.name}`);
    const creator = org.person(def.createdBy);
    const createdAt = ago(Math.max(...def.keys.map((k) => k.createdDaysAgo)) + rng.between(1, 5));
    rows.apps.push({ id, name: def.name, description: def.description, teamId: org.teamId(def.team), createdById: creator.id, createdAt });
    rows.auditEvents.push(
      auditEvent({
        at: createdAt,
        actor: creator,
        action: "app.created",
        targetType: "app",
        targetId: id,
        after: { name: def.name, team: def.team },
      }),
    );
    const keys: SeededKey[] = [];
    for (const k of def.keys) {
      const keyId = seedId("api-key", `${def.team}/${def.name}#${k.name}`);
      const { prefix, hash } = generateApiKey();
      const keyCreatedAt = ago(k.createdDaysAgo);
      const revokedAt = k.revokedDaysAgo === undefined ? null : ago(k.revokedDaysAgo);
      const expiresAt = k.expiresInDays === undefined ? null : new Date(now.getTime() + k.expiresInDays * DAY);
      rows.apiKeys.push({
        id: keyId,
        appId: id,
        name: k.name,
        prefix,
        hash,
        scopes: k.scopes,
        expiresAt,
        revokedAt,
        createdById: creator.id,
        createdAt: keyCreatedAt,
      });
      rows.auditEvents.push(
        auditEvent({
          at: keyCreatedAt,
          actor: creator,
          action: "api_key.created",
          targetType: "api_key",
          targetId: keyId,
          after: { app: def.name, name: k.name, prefix, scopes: k.scopes },
        }),
      );
      if (revokedAt)
        rows.auditEvents.push(
          auditEvent({
            at: revokedAt,
            actor: creator,
            action: "api_key.revoked",
            targetType: "api_key",
            targetId: keyId,
            after: { app: def.name, name: k.name, prefix },
          }),
        );
      const ends = [revokedAt, expiresAt && expiresAt < now ? expiresAt : null].filter((d): d is Date => d !== null);
      keys.push({
        id: keyId,
        name: k.name,
        createdAt: keyCreatedAt,
        endsAt: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
        extra: k.extra ?? false,
      });
    }
    apps.push({ id, name: def.name, team: def.team, keys });
  }

  const grants: Grants = new Map();
  for (const req of ACCESS_REQUESTS) {
    const modelId = modelIds.get(req.model);
    const app = apps.find((a) => a.name === req.app);
    if (!modelId || !app) throw new Error(`seed data: access request for unknown model or app: ${req.model} / ${req.app}`);
    const id = seedId("access-request", `${req.model}|${req.app}`);
    const requester = org.person(req.requester);
    const createdAt = ago(req.daysAgo);
    const decider = req.decision ? org.person(req.decision.by) : null;
    const decidedAt = req.decision ? new Date(createdAt.getTime() + req.decision.afterDays * DAY) : null;
    rows.accessRequests.push({
      id,
      modelId,
      appId: app.id,
      requesterId: requester.id,
      reason: req.reason,
      status: req.decision?.status ?? "pending",
      decidedById: decider?.id ?? null,
      decisionComment: req.decision?.comment ?? null,
      decidedAt,
      createdAt,
    });
    rows.auditEvents.push(
      auditEvent({
        at: createdAt,
        actor: requester,
        action: "access_request.created",
        targetType: "access_request",
        targetId: id,
        after: { model: req.model, app: req.app },
      }),
    );
    if (req.decision && decider && decidedAt) {
      rows.auditEvents.push(
        auditEvent({
          at: decidedAt,
          actor: decider,
          action: `access_request.${req.decision.status}`,
          targetType: "access_request",
          targetId: id,
          after: { model: req.model, app: req.app, comment: req.decision.comment },
        }),
      );
      if (req.decision.status === "approved") {
        rows.accessGrants.push({
          id: seedId("access-grant", `${req.model}|${req.app}`),
          modelId,
          appId: app.id,
          requestId: id,
          grantedById: decider.id,
          createdAt: decidedAt,
        });
        grants.set(`${req.model}|${req.app}`, decidedAt);
      }
    }
  }
  return { apps, grants };
}
