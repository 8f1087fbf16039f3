import pg from "pg";

/**
 * Creates the monthly partitions of `invocations` from 4 months back to 3 months ahead (idempotent; rows the
 * DEFAULT partition caught for those months move in). The launcher and `npm run db:migrate` run it as the
 * owner (a URL); the partition-upkeep job (lib/jobs/background-jobs.ts) runs it in the portal on its pool,
 * through the owner's SECURITY DEFINER function, so the next month's partition exists before the month starts.
 */
export async function ensureInvocationPartitions(target: string | pg.Pool, monthsBack = 4, monthsAhead = 3): Promise<number> {
  const client = typeof target === "string" ? new pg.Client({ connectionString: target }) : null;
  await client?.connect();
  try {
    const { rows } = await (client ?? (target as pg.Pool)).query<{ created: number }>(
      "SELECT modelport_ensure_invocation_partitions($1, $2) AS created",
      [monthsBack, monthsAhead],
    );
    return rows[0].created;
  } finally {
    await client?.end();
  }
}
