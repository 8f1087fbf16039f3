import type pg from "pg";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

/** What a batch is written with: the process's pg pool (lib/server/db.ts `pool()`), or one of its clients. */
export type BatchWriter = { query: (config: pg.QueryConfig) => Promise<pg.QueryResult> };

// A named (prepared) statement: PostgreSQL parses and plans it once per connection instead of on every flush
// (a large share of what a flush costs it). The text is fixed, so the name always means this statement.
const STATEMENT = {
  name: "modelport_write_invocation_batch",
  text: `
    WITH inserted AS (
      INSERT INTO invocations ("at", "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", "channel", "statusCode",
        "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
      SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::"Channel"[],
        $9::int[], $10::text[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::int[], $16::int[], $17::bigint[], $18::bigint[])
      RETURNING "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"
    ), queued AS (
      INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut",
        "costMicros", "valueMicros")
      SELECT * FROM inserted RETURNING 1
    ), touched AS (
      UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY($19::uuid[]) RETURNING 1
    )
    SELECT (SELECT count(*) FROM queued) AS queued`,
};

/**
 * Writes a batch of invocations as ONE statement (data-modifying CTEs), so it commits atomically in a single
 * round trip: either every row and its roll-up queue entry (usage_pending) are durable, or none is. The roll-ups
 * are folded from the queue afterwards (lib/usage/rollups/fold-pending.ts). Each column travels as one typed array
 * parameter (pg serialises it), unnested into rows. `touchKeyIds`: API keys whose lastUsedAt to refresh.
 */
export async function writeInvocationBatch(
  db: BatchWriter,
  rows: readonly InvocationRecord[],
  touchKeyIds: readonly string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: InvocationRecord) => T): T[] => rows.map(f);
  await db.query({
    ...STATEMENT,
    values: [
      col((r) => r.at),
      col((r) => r.requestId),
      col((r) => r.modelId),
      col((r) => r.versionId),
      col((r) => r.appId),
      col((r) => r.apiKeyId),
      col((r) => r.userId),
      col((r) => r.channel),
      col((r) => r.statusCode),
      col((r) => r.errorCode),
      col((r) => r.gatewayMs),
      col((r) => r.upstreamMs),
      col((r) => r.bytesIn),
      col((r) => r.bytesOut),
      col((r) => r.tokensIn),
      col((r) => r.tokensOut),
      col((r) => r.costMicros),
      col((r) => r.valueMicros),
      [...touchKeyIds],
    ],
  });
}
