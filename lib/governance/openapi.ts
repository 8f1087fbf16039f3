import { z } from "zod";
import { errorSchema, registerRoute } from "@/lib/openapi/registry";
import {
  accessDecisionBody,
  accessDecisionParams,
  accessRequestBody,
  accessRequestView,
  auditPage,
  auditQuery,
  commentBody,
  commentCreated,
  deprecateBody,
  deprecateResult,
  modelParams,
  reviewBody,
  reviewResult,
  versionParams,
} from "@/lib/governance/schemas";

const errors = (codes: Record<number, string>) =>
  Object.fromEntries(Object.entries(codes).map(([status, description]) => [Number(status), { description, schema: errorSchema }]));

const VERSION = "/api/v1/models/{owner}/{name}/versions/{version}";

registerRoute({
  method: "post",
  path: `${VERSION}/review`,
  summary: "Approve or reject a version pending review",
  tags: ["governance"],
  auth: ["session"],
  params: versionParams,
  body: reviewBody,
  responses: {
    200: { description: "Decision recorded; high-risk models stay pending until a second reviewer approves", schema: reviewResult },
    ...errors({
      400: "Invalid body (a rejection needs a comment)",
      401: "Not signed in",
      403: "Not a reviewer, or reviewing your own version",
      404: "No such version",
      409: "Not pending review (current state in details) or already reviewed by you",
      422: "Policy checklist incomplete (missing items in details)",
    }),
  },
});

registerRoute({
  method: "post",
  path: `${VERSION}/comments`,
  summary: "Comment on a submitted version without deciding (reviewers and the owning team); the other side is notified",
  tags: ["governance"],
  auth: ["session"],
  params: versionParams,
  body: commentBody,
  responses: {
    201: { description: "Comment recorded", schema: commentCreated },
    ...errors({
      400: "Invalid body",
      401: "Not signed in",
      403: "Neither a reviewer nor in the owning team",
      404: "No such version",
      409: "The version is still a draft",
    }),
  },
});

registerRoute({
  method: "post",
  path: `${VERSION}/deprecate`,
  summary: "Deprecate an approved version with a sunset date",
  tags: ["governance"],
  auth: ["session"],
  params: versionParams,
  body: deprecateBody,
  responses: {
    200: { description: "Deprecated; retired automatically after sunsetAt", schema: deprecateResult },
    ...errors({
      400: "Invalid body, sunset in the past or bad replacement",
      401: "Not signed in",
      403: "Not the owning team's publisher, a reviewer or an admin",
      404: "No such version",
      409: "Not approved (current state in details)",
    }),
  },
});

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/access-requests",
  summary: "Request access to a gated model for one of your apps",
  tags: ["governance"],
  auth: ["session"],
  params: modelParams,
  body: accessRequestBody,
  responses: {
    201: { description: "Request queued for the owning team and reviewers", schema: accessRequestView },
    ...errors({
      400: "Invalid body",
      401: "Not signed in",
      403: "Role may not manage apps",
      404: "No such model or app of yours",
      409: "Model not gated, access already granted or a request already pending",
    }),
  },
});

registerRoute({
  method: "post",
  path: "/api/v1/models/{owner}/{name}/access-requests/{id}/decision",
  summary: "Approve, deny or revoke an access request",
  tags: ["governance"],
  auth: ["session"],
  params: accessDecisionParams,
  body: accessDecisionBody,
  responses: {
    200: {
      description: "Decision recorded; the access grant follows it",
      schema: z.object({
        id: z.uuid(),
        status: z.enum(["approved", "denied", "revoked"]),
        model: z.string(),
        appId: z.uuid(),
        decisionComment: z.string().nullable(),
        decidedAt: z.string(),
      }),
    },
    ...errors({
      400: "Invalid body (deny/revoke need a comment)",
      401: "Not signed in",
      403: "Not a maintainer of the owning team or a reviewer",
      404: "No such request for this model",
      409: "Request not in a state that allows this decision",
    }),
  },
});

registerRoute({
  method: "get",
  path: "/api/v1/audit",
  summary: "Audit events, newest first (JSON or CSV)",
  tags: ["governance"],
  auth: ["session"],
  query: auditQuery,
  responses: {
    200: {
      description: "A page of audit events; with format=csv the whole filtered trail (up to 50,000 rows) as a text/csv attachment",
      schema: auditPage,
      otherContent: { "text/csv": z.string().describe("CSV with a header line, one audit event per line") },
      headers: ["Content-Disposition", "X-Total-Count"],
    },
    ...errors({ 400: "Invalid filter", 401: "Not signed in", 403: "Admins only" }),
  },
});
