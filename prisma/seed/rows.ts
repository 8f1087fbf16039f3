// Everything the seed writes, as plain rows with their ids decided up front (seedId), so the whole
// company can be built in memory first and then written in one transaction.
import type { Prisma } from "../../lib/generated/prisma/client";
import type { Role } from "../../lib/generated/prisma/enums";

export type SeedRows = {
  businessUnits: Prisma.BusinessUnitCreateManyInput[];
  teams: Prisma.TeamCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  teamMembers: Prisma.TeamMemberCreateManyInput[];
  hardwareRates: Prisma.HardwareRateCreateManyInput[];
  models: Prisma.ModelCreateManyInput[];
  /** Written in two passes: replacementVersionId points at rows of the same table. */
  versions: Prisma.ModelVersionCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  apps: Prisma.AppCreateManyInput[];
  apiKeys: Prisma.ApiKeyCreateManyInput[];
  accessRequests: Prisma.AccessRequestCreateManyInput[];
  accessGrants: Prisma.AccessGrantCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
  modelStars: Prisma.ModelStarCreateManyInput[];
  collections: Prisma.CollectionCreateManyInput[];
  collectionItems: Prisma.CollectionItemCreateManyInput[];
};

export function emptyRows(): SeedRows {
  return {
    businessUnits: [],
    teams: [],
    users: [],
    teamMembers: [],
    hardwareRates: [],
    models: [],
    versions: [],
    reviews: [],
    apps: [],
    apiKeys: [],
    accessRequests: [],
    accessGrants: [],
    auditEvents: [],
    modelStars: [],
    collections: [],
    collectionItems: [],
  };
}

export type Person = { id: string; email: string; name: string; role: Role };

export type AuditInput = {
  at: Date;
  actor: Person | null;
  action: string;
  targetType: string;
  targetId: string;
  after?: Prisma.InputJsonValue;
};

export function auditEvent(e: AuditInput): Prisma.AuditEventCreateManyInput {
  return {
    at: e.at,
    actorId: e.actor?.id ?? null,
    actorLabel: e.actor?.email ?? "system",
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    after: e.after,
  };
}
