import pg from "pg";

/**
 * Creates the monthly partitions of `invocations` from 4 months back to 3 months ahead (idempotent; rows the
 * DEFAULT partition caught for those months move in). Run at start-up; a long-running server also calls it
 * daily so the next month's partition always exists before the month starts.
 */
export async function ensureInvocationPartitions(databaseUrl: string, monthsBack = 4, monthsAhead = 3): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ created: number }>("SELECT modelport_ensure_invocation_partitions($1, $2) AS created", [
      monthsBack,
      monthsAhead,
    ]);
    return rows[0].created;
  } finally {
    await client.end();
  }
}
