import { z } from "zod";
import { KEY_SCOPES } from "@/lib/auth/permissions";

// The contract of the apps and keys routes; the OpenAPI entries in lib/apps/openapi.ts use the same schemas.

export { KEY_SCOPES };

export const createAppSchema = z.object({
  name: z.string().trim().min(2).max(80).regex(/^[\w .-]+$/, "use letters, digits, spaces, dots, dashes and underscores"),
  description: z.string().trim().max(500).default(""),
  teamId: z.uuid().describe("One of the caller's teams; it owns the app (and so its business unit pays)."),
});
export type CreateAppInput = z.input<typeof createAppSchema>;

export const createKeySchema = z.object({
  name: z.string().trim().min(2).max(80),
  scopes: z.array(z.enum(KEY_SCOPES)).min(1).max(KEY_SCOPES.length).default(["invoke"]).refine((s) => new Set(s).size === s.length, "scopes must not repeat")
    .describe("What the key may do; only scopes your role grants (a key never does more than its creator, also after a role change)."),
  models: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/i, "use owner/name")).max(50).default([])
    .describe("Model allow-list by slug (owner/name); empty = every model the app may call."),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe("ISO date-time after which the key is refused."),
});
export type CreateKeyInput = z.input<typeof createKeySchema>;

export const appParamsSchema = z.object({ app: z.uuid() });
export const keyParamsSchema = z.object({ app: z.uuid(), keyId: z.uuid() });

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("Public, recognisable start of the key (mp_xxxxxxxx)."),
  scopes: z.array(z.enum(KEY_SCOPES)),
  models: z.array(z.string()).describe("Allow-listed model slugs; empty = all the app may call."),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const appSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  team: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), businessUnit: z.string() }),
  createdAt: z.string(),
  keys: z.array(apiKeySchema),
});
export type AppView = z.infer<typeof appSchema>;

export const appListSchema = z.object({ items: z.array(appSchema) });

export const createdKeySchema = apiKeySchema.extend({
  secret: z.string().describe("The whole key. Returned once, never again: only its prefix and SHA-256 hash are stored."),
});
export type CreatedKey = z.infer<typeof createdKeySchema>;
