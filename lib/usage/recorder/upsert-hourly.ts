import type { PoolClient } from "pg";
import type { RollupDelta } from "@/lib/usage/recorder/rollup";

// Adds two histograms element-wise (the stored one may be shorter, e.g. empty on an old row).
const histAdd = (col: string) =>
  `"${col}" = ARRAY(SELECT COALESCE(a, 0) + COALESCE(b, 0) FROM unnest(usage_hourly."${col}", EXCLUDED."${col}") WITH ORDINALITY AS t(a, b, i) ORDER BY i)`;

// One array parameter per column (unnest), so any number of keys fits one prepared statement: a VALUES list
// would need 16 parameters per key (PostgreSQL allows 65,535) and a new statement shape per batch size.
// The usage_hourly triggers carry the same change into usage_daily and the narrow daily roll-ups.
const UPSERT = `INSERT INTO usage_hourly ("bucket", "modelId", "versionId", "appId", "channel", "calls", "errors", "bytesIn", "bytesOut",
    "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist")
  SELECT b, m, v, a, ch, calls, errors, bin, bout, cost, value, gw, up, lh::bigint[], gh::bigint[], uh::bigint[]
    FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::"Channel"[], $6::bigint[], $7::bigint[], $8::bigint[],
                $9::bigint[], $10::bigint[], $11::bigint[], $12::float8[], $13::float8[], $14::text[], $15::text[], $16::text[])
      AS d(b, m, v, a, ch, calls, errors, bin, bout, cost, value, gw, up, lh, gh, uh)
  ON CONFLICT ("bucket", "versionId", "appId", "channel") DO UPDATE SET
    "calls" = usage_hourly."calls" + EXCLUDED."calls", "errors" = usage_hourly."errors" + EXCLUDED."errors",
    "bytesIn" = usage_hourly."bytesIn" + EXCLUDED."bytesIn", "bytesOut" = usage_hourly."bytesOut" + EXCLUDED."bytesOut",
    "costMicros" = usage_hourly."costMicros" + EXCLUDED."costMicros", "valueMicros" = usage_hourly."valueMicros" + EXCLUDED."valueMicros",
    "gatewayMsSum" = usage_hourly."gatewayMsSum" + EXCLUDED."gatewayMsSum", "upstreamMsSum" = usage_hourly."upstreamMsSum" + EXCLUDED."upstreamMsSum",
    ${histAdd("latencyHist")}, ${histAdd("gatewayHist")}, ${histAdd("upstreamHist")}`;

/** Adds roll-up deltas (one per key, as rollupRows returns them) to usage_hourly in one statement. */
export async function upsertHourlyRollups(client: PoolClient, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const col = <T>(f: (d: RollupDelta) => T) => deltas.map(f);
  const hist = (h: number[]) => `{${h.join(",")}}`;
  await client.query({
    name: "rollup_upsert_hourly",
    text: UPSERT,
    values: [
      col((d) => d.bucket.toISOString()), col((d) => d.modelId), col((d) => d.versionId), col((d) => d.appId), col((d) => d.channel),
      col((d) => d.calls), col((d) => d.errors), col((d) => d.bytesIn), col((d) => d.bytesOut), col((d) => d.costMicros.toString()),
      col((d) => d.valueMicros.toString()), col((d) => d.gatewayMsSum), col((d) => d.upstreamMsSum),
      col((d) => hist(d.latencyHist)), col((d) => hist(d.gatewayHist)), col((d) => hist(d.upstreamHist)),
    ],
  });
}
