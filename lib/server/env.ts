import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Demo mode lists the demo accounts on the sign-in page. On by default for the embedded database. */
  MODELPORT_DEMO: z.enum(["0", "1"]).default("0"),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Company SSO"),
  /** Role given to users the first time they sign in through OIDC. */
  OIDC_DEFAULT_ROLE: z.enum(["consumer", "publisher", "reviewer", "executive", "admin"]).default("consumer"),
  ARTIFACT_DIR: z.string().default(".data/artifacts"),
  /** Largest ONNX file a publisher may upload, in bytes (default 100 MB). */
  MODELPORT_MAX_ARTIFACT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(100 * 1024 * 1024),
  /** The installation's time zone (IANA name): budget periods start at midnight here. */
  MODELPORT_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "MODELPORT_TIME_ZONE must be an IANA time zone name such as Europe/Paris"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated environment, read on first use (so `next build` does not need a database URL). */
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function oidcConfigured(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
