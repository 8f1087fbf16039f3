import "server-only";
import { db } from "@/lib/server/db";

export type CallerRow = {
  model: string;
  modelName: string;
  app: string | null;
  team: string | null;
  businessUnit: string | null;
  calls: number;
  errors: number;
};

/** Models × consuming apps (with their team and business unit) and call volume in [from, to), from the hourly roll-up. */
export async function whoCallsWhat(input: { from: Date; to: Date; limit?: number }): Promise<CallerRow[]> {
  const rows = await db.$queryRaw<
    {
      model: string;
      modelName: string;
      app: string | null;
      team: string | null;
      businessUnit: string | null;
      calls: bigint;
      errors: bigint;
    }[]
  >`
    SELECT m.slug AS model, m."displayName" AS "modelName", a.name AS app, t.name AS team, b.name AS "businessUnit",
           SUM(u.calls)::bigint AS calls, SUM(u.errors)::bigint AS errors
    FROM usage_hourly u
    JOIN models m ON m.id = u."modelId"
    LEFT JOIN apps a ON a.id = u."appId"
    LEFT JOIN teams t ON t.id = a."teamId"
    LEFT JOIN business_units b ON b.id = t."businessUnitId"
    WHERE u.bucket >= ${input.from} AND u.bucket < ${input.to}
    GROUP BY m.slug, m."displayName", a.name, t.name, b.name
    ORDER BY calls DESC
    LIMIT ${input.limit ?? 500}`;
  return rows.map((r) => ({ ...r, calls: Number(r.calls), errors: Number(r.errors) }));
}
