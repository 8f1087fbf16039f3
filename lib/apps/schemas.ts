import { z } from "zod";
import { KEY_SCOPES } from "@/lib/auth/permissions";

// The contract of the apps and keys routes; each route file declares these once (defineRoute): they parse the
// request and document it.

export { KEY_SCOPES };

export const createAppSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .regex(/^[\w .-]+$/, "use letters, digits, spaces, dots, dashes and underscores"),
  description: z.string().trim().max(500).default(""),
  teamId: z.uuid().describe("One of the caller's teams; it owns the app (and so its business unit pays)."),
});
export type CreateAppInput = z.input<typeof createAppSchema>;

export const createKeySchema = z.object({
  name: z.string().trim().min(2).max(80),
  scopes: z
    .array(z.enum(KEY_SCOPES))
    .min(1)
    .max(KEY_SCOPES.length)
    .default(["invoke"])
    .refine((s) => new Set(s).size === s.length, "scopes must not repeat")
    .describe("What the key may do; only scopes your role grants (a key never does more than its creator, also after a role change)."),
  models: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/i, "use owner/name"))
    .max(50)
    .default([])
    .describe("Model allow-list by slug (owner/name); empty = every model the app may call."),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe("ISO date-time after which the key is refused."),
});
export type CreateKeyInput = z.input<typeof createKeySchema>;

/**
 * One browser origin as a browser sends it in `Origin`: http(s)://host[:port], normalised (lower-case host,
 * default port dropped). No path, query, credentials or wildcard: a key in a browser page is visible to
 * everyone who opens it, so each allowed page origin is named.
 */
export const originSchema = z
  .string()
  .trim()
  .max(200)
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${text}" is not an origin like https://app.example.com` });
      return z.NEVER;
    }
    // Nothing after the authority but an optional "/" (a path, query or fragment is not part of an origin).
    const bare = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(text);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password || !bare || text.includes("*")) {
      ctx.addIssue({
        code: "custom",
        message: `"${text}" is not an origin: use scheme://host[:port], e.g. https://app.example.com (no path, no wildcard)`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

export const updateAppSchema = z.object({
  allowedOrigins: z
    .array(originSchema)
    .max(20)
    .transform((list) => [...new Set(list)])
    .describe("Browser origins whose pages may call the gateway with this app's keys (CORS); empty = none."),
});
export type UpdateAppInput = z.input<typeof updateAppSchema>;
export const updatedAppSchema = z.object({ id: z.uuid(), name: z.string(), allowedOrigins: z.array(z.string()) });

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
  allowedOrigins: z.array(z.string()).describe("Browser origins allowed to call the gateway with this app's keys (CORS)."),
  createdAt: z.string(),
  keys: z.array(apiKeySchema),
});
export type AppView = z.infer<typeof appSchema>;

export const appListSchema = z.object({ items: z.array(appSchema) });

export const createdKeySchema = apiKeySchema.extend({
  secret: z.string().describe("The whole key. Returned once, never again: only its prefix and SHA-256 hash are stored."),
});
export type CreatedKey = z.infer<typeof createdKeySchema>;

const DAY_MS = 86_400_000;
/** The range of an app's usage report: from/to (ISO), default the last 30 days, at most 92 days. */
export const appUsageQueryShape = z.object({
  from: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .optional()
    .describe("Start (inclusive); default: 30 days before `to`"),
  to: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .optional()
    .describe("End (exclusive); default: now"),
});
export const appUsageQuerySchema = appUsageQueryShape.transform((q, ctx) => {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (!(from < to)) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
  if (to.getTime() - from.getTime() > 92 * DAY_MS)
    ctx.addIssue({ code: "custom", path: ["from"], message: "an app's usage covers at most 92 days at a time" });
  return { from, to };
});
export type AppUsageQuery = z.output<typeof appUsageQuerySchema>;

const money = z.union([z.number(), z.string()]).describe("Integer micro-units (1 unit = 1,000,000)");
const usageFigures = z.object({
  calls: z.number(),
  errors: z.number(),
  errorRate: z.number().nullable(),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }).describe("Total latency (gateway + model) percentiles"),
  costMicros: money,
});
export const appUsageSchema = z.object({
  app: z.object({ id: z.uuid(), name: z.string(), team: z.string() }),
  from: z.string(),
  to: z.string(),
  totals: usageFigures,
  keys: z.array(
    usageFigures.extend({ id: z.uuid(), name: z.string(), prefix: z.string(), revoked: z.boolean(), lastUsedAt: z.string().nullable() }),
  ),
  models: z.array(usageFigures.extend({ id: z.uuid(), slug: z.string(), displayName: z.string() })),
  days: z.array(usageFigures.extend({ day: z.string() })),
});
