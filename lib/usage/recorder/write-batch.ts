import { sql } from "kysely";
import type { Kdb } from "@/lib/server/db";
import type { InvocationRecord } from "@/lib/usage/recorder/types";

/**
 * Writes a batch of invocations as ONE statement (data-modifying CTEs), so it commits atomically in a single
 * round trip: either every row and its roll-up queue entry (usage_pending) are durable, or none is. The roll-ups
 * are folded from the queue afterwards (lib/usage/rollups/fold-pending.ts). Each column travels as one typed array
 * parameter (pg serialises it), unnested into rows. `touchKeyIds`: API keys whose lastUsedAt to refresh.
 */
export async function writeInvocationBatch(db: Kdb, rows: readonly InvocationRecord[], touchKeyIds: readonly string[] = []): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: InvocationRecord) => T): T[] => rows.map(f);
  await sql`
    WITH inserted AS (
      INSERT INTO invocations ("at", "requestId", "modelId", "versionId", "appId", "apiKeyId", "userId", "channel", "statusCode",
        "errorCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "tokensIn", "tokensOut", "costMicros", "valueMicros")
      SELECT * FROM unnest(${col((r) => r.at)}::timestamptz[], ${col((r) => r.requestId)}::text[], ${col((r) => r.modelId)}::uuid[],
        ${col((r) => r.versionId)}::uuid[], ${col((r) => r.appId)}::uuid[], ${col((r) => r.apiKeyId)}::uuid[], ${col((r) => r.userId)}::uuid[],
        ${col((r) => r.channel)}::"Channel"[], ${col((r) => r.statusCode)}::int[], ${col((r) => r.errorCode)}::text[],
        ${col((r) => r.gatewayMs)}::float8[], ${col((r) => r.upstreamMs)}::float8[], ${col((r) => r.bytesIn)}::int[], ${col((r) => r.bytesOut)}::int[],
        ${col((r) => r.tokensIn)}::int[], ${col((r) => r.tokensOut)}::int[], ${col((r) => r.costMicros)}::bigint[], ${col((r) => r.valueMicros)}::bigint[])
      RETURNING "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros"
    ), queued AS (
      INSERT INTO usage_pending ("at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut",
        "costMicros", "valueMicros")
      SELECT * FROM inserted RETURNING 1
    ), touched AS (
      UPDATE api_keys SET "lastUsedAt" = now() WHERE id = ANY(${[...touchKeyIds]}::uuid[]) RETURNING 1
    )
    SELECT (SELECT count(*) FROM queued) AS queued`.execute(db);
}
