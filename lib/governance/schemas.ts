import { z } from "zod";

// The governance API contract: request bodies and responses of the review, deprecate, access-request and
// audit routes. Each route file declares these once (defineRoute): they parse the request and document it.

export const versionParams = z.object({ owner: z.string().min(1), name: z.string().min(1), version: z.string().min(1) });
export const modelParams = z.object({ owner: z.string().min(1), name: z.string().min(1) });
export const accessDecisionParams = modelParams.extend({ id: z.uuid() });

export const reviewBody = z
  .object({
    decision: z.enum(["approve", "reject"]),
    comment: z.string().trim().max(5000).default(""),
  })
  .refine((b) => b.decision === "approve" || b.comment.length > 0, { message: "A rejection needs a comment.", path: ["comment"] });
export type ReviewBody = z.infer<typeof reviewBody>;

export const commentBody = z.object({ body: z.string().trim().min(1, { error: "Write the comment." }).max(5000) }).strict();
export const commentCreated = z.object({ id: z.uuid(), createdAt: z.string() });

export const checklistItem = z.object({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string().optional() });
export type ChecklistItem = z.infer<typeof checklistItem>;

export const reviewResult = z.object({
  version: z.string(),
  status: z.enum(["draft", "pending_review", "approved", "rejected", "deprecated", "retired"]),
  decision: z.enum(["approve", "reject"]),
  approvals: z.number().int(),
  approvalsRequired: z.number().int(),
  checklist: z.array(checklistItem),
});

export const deprecateBody = z.object({
  sunsetAt: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((s) => new Date(s)),
  message: z.string().trim().min(1).max(2000),
  replacementVersion: z.string().min(1).optional(),
});
export type DeprecateBody = z.infer<typeof deprecateBody>;

export const deprecateResult = z.object({
  version: z.string(),
  status: z.literal("deprecated"),
  sunsetAt: z.string(),
  message: z.string(),
  replacementVersion: z.string().nullable(),
});

export const accessRequestBody = z.object({ appId: z.uuid(), reason: z.string().trim().min(5).max(2000) });
export type AccessRequestBody = z.infer<typeof accessRequestBody>;

export const accessDecisionBody = z
  .object({ decision: z.enum(["approve", "deny", "revoke"]), comment: z.string().trim().max(2000).default("") })
  .refine((b) => b.decision === "approve" || b.comment.length > 0, { message: "Say why when denying or revoking.", path: ["comment"] });
export type AccessDecisionBody = z.infer<typeof accessDecisionBody>;

export const accessRequestView = z.object({
  id: z.uuid(),
  model: z.string(),
  appId: z.uuid(),
  appName: z.string(),
  reason: z.string(),
  status: z.enum(["pending", "approved", "denied", "revoked"]),
  decisionComment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type AccessRequestView = z.infer<typeof accessRequestView>;

export const auditQuery = z.object({
  actor: z.string().trim().min(1).optional(),
  action: z.string().trim().min(1).optional(),
  targetType: z.string().trim().min(1).optional(),
  targetId: z.string().trim().min(1).optional(),
  from: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((s) => new Date(s))
    .optional(),
  to: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((s) => new Date(s))
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(["json", "csv"]).default("json"),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEventView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

export const auditPage = z.object({
  items: z.array(auditEventView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const WEBHOOK_EVENTS = [
  "model.updated",
  "version.submitted",
  "version.approved",
  "version.rejected",
  "version.deprecated",
  "version.retired",
  "access.requested",
  "access.decided",
  "budget.threshold",
  "model.alert",
  "model.alert.resolved",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const webhookInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
});
