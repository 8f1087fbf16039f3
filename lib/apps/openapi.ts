import { errorSchema, registerRoute } from "@/lib/openapi/registry";
import {
  apiKeySchema,
  appListSchema,
  appParamsSchema,
  appSchema,
  createAppSchema,
  createdKeySchema,
  createKeySchema,
  keyParamsSchema,
  updateAppSchema,
  updatedAppSchema,
  appUsageQueryShape,
  appUsageSchema,
} from "@/lib/apps/schemas";

registerRoute({
  method: "get",
  path: "/api/v1/apps",
  summary: "List the apps of your teams with their keys (prefixes only)",
  tags: ["apps"],
  auth: ["session"],
  responses: { 200: { description: "Your teams' apps", schema: appListSchema } },
});

registerRoute({
  method: "post",
  path: "/api/v1/apps",
  summary: "Create an app owned by one of your teams",
  tags: ["apps"],
  auth: ["session"],
  body: createAppSchema,
  responses: {
    201: { description: "The new app", schema: appSchema },
    409: { description: "The team already has an app with this name", schema: errorSchema },
  },
});

registerRoute({
  method: "patch",
  path: "/api/v1/apps/{app}",
  summary: "Change an app: the browser origins allowed to call the gateway with its keys (CORS)",
  tags: ["apps"],
  auth: ["session"],
  params: appParamsSchema,
  body: updateAppSchema,
  responses: {
    200: { description: "The app's new settings", schema: updatedAppSchema },
    400: { description: "Not an origin (scheme://host[:port])", schema: errorSchema },
  },
});
registerRoute({
  method: "get",
  path: "/api/v1/apps/{app}/usage",
  summary: "Usage of one of your apps: calls, errors, latency and cost in total, per key, per model and per day",
  tags: ["apps"],
  auth: ["session"],
  params: appParamsSchema,
  query: appUsageQueryShape,
  responses: {
    200: { description: "The app's usage over the range", schema: appUsageSchema },
    404: { description: "No such app among your teams'", schema: errorSchema },
  },
});
registerRoute({
  method: "post",
  path: "/api/v1/apps/{app}/keys",
  summary: "Create an API key (the secret is returned once)",
  tags: ["apps"],
  auth: ["session"],
  params: appParamsSchema,
  body: createKeySchema,
  responses: {
    201: { description: "The new key with its secret — store it now, it is never shown again", schema: createdKeySchema },
    403: {
      description: "`scope_not_grantable`: a scope your role does not grant (a key never does more than its creator)",
      schema: errorSchema,
    },
    422: { description: "Unknown model in the allow-list or an expiry in the past", schema: errorSchema },
  },
});

registerRoute({
  method: "delete",
  path: "/api/v1/apps/{app}/keys/{keyId}",
  summary: "Revoke an API key (refused by the gateway at once)",
  tags: ["apps"],
  auth: ["session"],
  params: keyParamsSchema,
  responses: { 200: { description: "The revoked key", schema: apiKeySchema } },
});
