import type { PoolClient } from "pg";
import { parseHist } from "@/lib/usage/latency-buckets";
import {
  addHists, emptyHists, foldDeltas, histLiteral, type Delta, type FullKey, type Hists, type NarrowKey, type RollupInput,
} from "@/lib/usage/recorder/rollup";

// Adds a pass's calls to usage_hourly, usage_daily, usage_hourly_by and usage_daily_by in the caller's
// transaction: the touched rows are read FOR UPDATE, their histograms added in Node (PostgreSQL has no element-wise
// array addition; in SQL it cost ~50 µs per histogram) and written back whole; sums are added in SQL. The
// tables' statement triggers would derive the same change again from old and new rows, so the transaction
// switches them off (migration 20261122150000_rollup_fold_in_node).

type Row = { i: number; l: string | null; g: string | null; u: string | null };
const HISTS = `array_to_string(t."latencyHist", ',') AS l, array_to_string(t."gatewayHist", ',') AS g, array_to_string(t."upstreamHist", ',') AS u`;

/** A roll-up row written by another transaction between our read and our insert: the pass is retried. */
export class ConcurrentRollupWrite extends Error {}

type Spec<K> = {
  table: string;
  time: "bucket" | "day";
  /** unnest() column list and the join of unnested keys k to the table's rows t. */
  keyTypes: string[];
  keyValues: (d: Delta<K>) => unknown[];
  match: string;
  /** Columns written on insert besides time/keys/sums/histograms, with their unnest types and values. */
  sumColumns: string[];
  insertKeyColumns: string[];
  insertKeyTypes: string[];
  insertKeyValues: (d: Delta<K>) => unknown[];
};

const FULL_SUMS = ["calls", "errors", "bytesIn", "bytesOut", "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum"];
const NARROW_SUMS = ["calls", "errors", "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum"];
const SUM_TYPES: Record<string, string> = {
  calls: "bigint", errors: "bigint", bytesIn: "bigint", bytesOut: "bigint", costMicros: "bigint", valueMicros: "bigint", gatewayMsSum: "float8", upstreamMsSum: "float8",
};
const sumValue = (d: Delta<unknown>, column: string): unknown => {
  const v = d.sums[column as keyof typeof d.sums];
  return typeof v === "bigint" ? v.toString() : v;
};

const fullSpec = (table: string, time: "bucket" | "day"): Spec<FullKey> => ({
  table, time,
  keyTypes: ["timestamptz", "uuid", "uuid", `"Channel"`],
  keyValues: (d) => [d.time.toISOString(), d.versionId, d.appId, d.channel],
  match: `t."${time}" = k.k1 AND t."versionId" = k.k2 AND t."channel" = k.k4 AND t."appId" IS NOT DISTINCT FROM k.k3`,
  sumColumns: FULL_SUMS,
  insertKeyColumns: [time, "versionId", "appId", "channel", "modelId"],
  insertKeyTypes: ["timestamptz", "uuid", "uuid", `"Channel"`, "uuid"],
  insertKeyValues: (d) => [d.time.toISOString(), d.versionId, d.appId, d.channel, d.modelId],
});

const narrowSpec = (table: string, time: "bucket" | "day"): Spec<NarrowKey> => ({
  table, time,
  keyTypes: ["timestamptz", "text", "text"],
  keyValues: (d) => [d.time.toISOString(), d.dim, d.key],
  match: `t.dim = k.k2 AND t.key = k.k3 AND t."${time}" = k.k1`,
  sumColumns: NARROW_SUMS,
  insertKeyColumns: [time, "dim", "key"],
  insertKeyTypes: ["timestamptz", "text", "text"],
  insertKeyValues: (d) => [d.time.toISOString(), d.dim, d.key],
});

const unnestOf = (types: string[], names: string[], first = 1) =>
  `unnest(${types.map((t, n) => `$${first + n}::${t}[]`).join(", ")}) AS k(${names.join(", ")})`;
const columnsOf = <T>(rows: readonly T[], count: number, values: (r: T) => unknown[]) => {
  const out = Array.from({ length: count }, () => [] as unknown[]);
  for (const r of rows) values(r).forEach((v, n) => out[n].push(v));
  return out;
};

/** Adds deltas to one table (not usage_daily_by, whose cumulative histograms need the days after, too). */
async function applyTo<K>(client: PoolClient, spec: Spec<K>, deltas: readonly Delta<K>[]): Promise<void> {
  if (deltas.length === 0) return;
  const keyNames = spec.keyTypes.map((_, n) => `k${n + 1}`);
  const existing = await client.query<Row>(
    `SELECT k.i, ${HISTS} FROM ${unnestOf(["int", ...spec.keyTypes], ["i", ...keyNames])}
       JOIN "${spec.table}" t ON ${spec.match} FOR UPDATE OF t`,
    [deltas.map((_, i) => i), ...columnsOf(deltas, spec.keyTypes.length, spec.keyValues)],
  );
  const updates: { d: Delta<K>; h: Hists }[] = [];
  const found = new Set<number>();
  for (const r of existing.rows) {
    found.add(r.i);
    const d = deltas[r.i];
    updates.push({ d, h: addHists([parseHist(r.l), parseHist(r.g), parseHist(r.u)], d.hists) });
  }
  if (updates.length) {
    const sumNames = spec.sumColumns.map((_, n) => `s${n + 1}`);
    const types = [...spec.keyTypes, ...spec.sumColumns.map((c) => SUM_TYPES[c]), "text", "text", "text"];
    await client.query(
      `UPDATE "${spec.table}" t SET ${spec.sumColumns.map((c, n) => `"${c}" = t."${c}" + k.${sumNames[n]}`).join(", ")},
          "latencyHist" = k.l::bigint[], "gatewayHist" = k.g::bigint[], "upstreamHist" = k.u::bigint[]
         FROM ${unnestOf(types, [...keyNames, ...sumNames, "l", "g", "u"])} WHERE ${spec.match}`,
      columnsOf(updates, types.length, ({ d, h }) => [...spec.keyValues(d), ...spec.sumColumns.map((c) => sumValue(d, c)), ...h.map(histLiteral)]),
    );
  }
  const inserts = deltas.filter((_, i) => !found.has(i));
  if (inserts.length) {
    const columns = [...spec.insertKeyColumns, ...spec.sumColumns, "latencyHist", "gatewayHist", "upstreamHist"];
    const types = [...spec.insertKeyTypes, ...spec.sumColumns.map((c) => SUM_TYPES[c]), "text", "text", "text"];
    const names = columns.map((_, n) => `c${n + 1}`);
    const { rowCount } = await client.query(
      `INSERT INTO "${spec.table}" (${columns.map((c) => `"${c}"`).join(", ")})
         SELECT ${names.map((n, i) => (i >= names.length - 3 ? `${n}::bigint[]` : n)).join(", ")} FROM ${unnestOf(types, names)}
       ON CONFLICT DO NOTHING`,
      columnsOf(inserts, types.length, (d) => [...spec.insertKeyValues(d), ...spec.sumColumns.map((c) => sumValue(d, c)), ...d.hists.map(histLiteral)]),
    );
    if (rowCount !== inserts.length) throw new ConcurrentRollupWrite(`${spec.table}: a row appeared during the fold`);
  }
}

/** A row's running sums up to and including its day: calls, errors, cost, value (bigint as text), latency sums. */
type CumSumsRow = { cc: string; ce: string; ccost: string; cvalue: string; cgw: number; cup: number };
type DailyRow = { i: number; day: Date; l: string | null; g: string | null; u: string | null; cl: string | null; cg: string | null; cu: string | null } & CumSumsRow;
type CumSums = { calls: bigint; errors: bigint; cost: bigint; value: bigint; gw: number; up: number };
const CUM_SUMS = `t."cumCalls"::text AS cc, t."cumErrors"::text AS ce, t."cumCostMicros"::text AS ccost, t."cumValueMicros"::text AS cvalue,
  t."cumGatewayMsSum" AS cgw, t."cumUpstreamMsSum" AS cup`;
const CUM_SUM_COLUMNS = ["cumCalls", "cumErrors", "cumCostMicros", "cumValueMicros", "cumGatewayMsSum", "cumUpstreamMsSum"];
const CUM_SUM_TYPES = ["bigint", "bigint", "bigint", "bigint", "float8", "float8"];
const emptyCumSums = (): CumSums => ({ calls: 0n, errors: 0n, cost: 0n, value: 0n, gw: 0, up: 0 });
const cumSumsOf = (r: CumSumsRow): CumSums => ({ calls: BigInt(r.cc), errors: BigInt(r.ce), cost: BigInt(r.ccost), value: BigInt(r.cvalue), gw: r.cgw, up: r.cup });
const plus = (a: CumSums, b: CumSums): CumSums => ({ calls: a.calls + b.calls, errors: a.errors + b.errors, cost: a.cost + b.cost, value: a.value + b.value, gw: a.gw + b.gw, up: a.up + b.up });
const cumSumValues = (c: CumSums) => [c.calls.toString(), c.errors.toString(), c.cost.toString(), c.value.toString(), c.gw, c.up];

/**
 * usage_daily_by: each row also carries cumulative histograms and sums (everything up to and including its day),
 * so a delta on day D changes D's row and the cumulative figures of the key's later rows (only when calls arrive
 * late). A new row starts from the cumulative figures of the key's latest earlier row.
 */
async function applyDailyBy(client: PoolClient, deltas: readonly Delta<NarrowKey>[]): Promise<void> {
  if (deltas.length === 0) return;
  const groups = new Map<string, Delta<NarrowKey>[]>();
  for (const d of deltas) {
    const id = `${d.dim}|${d.key}`;
    const list = groups.get(id);
    if (list) list.push(d);
    else groups.set(id, [d]);
  }
  const keys = [...groups.values()].map((list) => list.sort((a, b) => a.time.getTime() - b.time.getTime()));
  const params = [keys.map((_, i) => i), keys.map((l) => l[0].dim), keys.map((l) => l[0].key), keys.map((l) => l[0].time.toISOString())];
  const k = unnestOf(["int", "text", "text", "timestamptz"], ["i", "dim", "key", "d"]);
  const [later, base] = await Promise.all([
    client.query<DailyRow>(
      `SELECT k.i, t.day, ${HISTS}, array_to_string(t."cumLatency", ',') AS cl, array_to_string(t."cumGateway", ',') AS cg, array_to_string(t."cumUpstream", ',') AS cu, ${CUM_SUMS}
         FROM ${k} JOIN "usage_daily_by" t ON t.dim = k.dim AND t.key = k.key AND t.day >= k.d ORDER BY k.i, t.day FOR UPDATE OF t`, params),
    client.query<{ i: number; cl: string | null; cg: string | null; cu: string | null } & CumSumsRow>(
      `SELECT k.i, array_to_string(t."cumLatency", ',') AS cl, array_to_string(t."cumGateway", ',') AS cg, array_to_string(t."cumUpstream", ',') AS cu, ${CUM_SUMS}
         FROM ${k} JOIN LATERAL (SELECT t."cumLatency", t."cumGateway", t."cumUpstream", ${CUM_SUM_COLUMNS.map((c) => `t."${c}"`).join(", ")} FROM "usage_daily_by" t
                                  WHERE t.dim = k.dim AND t.key = k.key AND t.day < k.d ORDER BY t.day DESC LIMIT 1) t ON true`, params),
  ]);
  const laterOf = new Map<number, DailyRow[]>();
  for (const r of later.rows) {
    const list = laterOf.get(r.i);
    if (list) list.push(r);
    else laterOf.set(r.i, [r]);
  }
  const baseOf = new Map(base.rows.map((r) => [r.i, { hists: [parseHist(r.cl), parseHist(r.cg), parseHist(r.cu)] as Hists, sums: cumSumsOf(r) }]));

  // cumSums: on an update, what to add to the row's running sums; on an insert, the new row's running sums.
  type Out = { d: Delta<NarrowKey> | null; dim: string; key: string; day: Date; daily: Hists; cum: Hists; cumSums: CumSums };
  const updates: Out[] = [];
  const inserts: Out[] = [];
  keys.forEach((list, i) => {
    const rows = laterOf.get(i) ?? [];
    const byDay = new Map(list.map((d) => [d.time.getTime(), d]));
    const rowDay = new Map(rows.map((r) => [r.day.getTime(), r]));
    const days = [...new Set([...byDay.keys(), ...rowDay.keys()])].sort((a, b) => a - b);
    const running = emptyHists();
    let runningSums = emptyCumSums();
    const base = baseOf.get(i);
    let previousCum = base?.hists ?? emptyHists();
    let previousSums = base?.sums ?? emptyCumSums();
    for (const day of days) {
      const d = byDay.get(day) ?? null;
      if (d) {
        addHists(running, d.hists);
        const s = d.sums;
        runningSums = plus(runningSums, { calls: BigInt(s.calls), errors: BigInt(s.errors), cost: s.costMicros, value: s.valueMicros, gw: s.gatewayMsSum, up: s.upstreamMsSum });
      }
      const row = rowDay.get(day);
      if (row) {
        const oldCum: Hists = [parseHist(row.cl), parseHist(row.cg), parseHist(row.cu)];
        const daily: Hists = [parseHist(row.l), parseHist(row.g), parseHist(row.u)];
        if (d) addHists(daily, d.hists);
        updates.push({ d, dim: list[0].dim, key: list[0].key, day: row.day, daily, cum: addHists(addHists(emptyHists(), oldCum), running), cumSums: runningSums });
        previousCum = oldCum;
        previousSums = cumSumsOf(row);
      } else if (d) {
        inserts.push({
          d, dim: d.dim, key: d.key, day: d.time, daily: addHists(emptyHists(), d.hists), cum: addHists(addHists(emptyHists(), previousCum), running),
          cumSums: plus(previousSums, runningSums),
        });
      }
    }
  });
  const hists = (o: Out) => [...o.daily.map(histLiteral), ...o.cum.map(histLiteral)];
  const histNames = ["l", "g", "u", "cl", "cg", "cu"];
  const histTypes = histNames.map(() => "text");
  const sums = (o: Out) => NARROW_SUMS.map((c) => (o.d ? sumValue(o.d, c) : 0));
  const sumNames = NARROW_SUMS.map((_, n) => `s${n + 1}`);
  const sumTypes = NARROW_SUMS.map((c) => SUM_TYPES[c]);
  const cumNames = CUM_SUM_COLUMNS.map((_, n) => `c${n + 1}`);
  const types = ["timestamptz", "text", "text", ...sumTypes, ...histTypes, ...CUM_SUM_TYPES];
  const names = ["day", "dim", "key", ...sumNames, ...histNames, ...cumNames];
  const values = (o: Out) => [o.day.toISOString(), o.dim, o.key, ...sums(o), ...hists(o), ...cumSumValues(o.cumSums)];
  if (updates.length) {
    await client.query(
      `UPDATE "usage_daily_by" t SET ${NARROW_SUMS.map((c, n) => `"${c}" = t."${c}" + k.${sumNames[n]}`).join(", ")},
          "latencyHist" = k.l::bigint[], "gatewayHist" = k.g::bigint[], "upstreamHist" = k.u::bigint[],
          "cumLatency" = k.cl::bigint[], "cumGateway" = k.cg::bigint[], "cumUpstream" = k.cu::bigint[],
          ${CUM_SUM_COLUMNS.map((c, n) => `"${c}" = t."${c}" + k.${cumNames[n]}`).join(", ")}
         FROM ${unnestOf(types, names)}
        WHERE t.dim = k.dim AND t.key = k.key AND t.day = k.day`,
      columnsOf(updates, types.length, values),
    );
  }
  if (inserts.length) {
    const { rowCount } = await client.query(
      `INSERT INTO "usage_daily_by" (day, dim, key, ${NARROW_SUMS.map((c) => `"${c}"`).join(", ")}, "latencyHist", "gatewayHist", "upstreamHist",
                                     "cumLatency", "cumGateway", "cumUpstream", ${CUM_SUM_COLUMNS.map((c) => `"${c}"`).join(", ")})
         SELECT day, dim, key, ${sumNames.join(", ")}, ${histNames.map((n) => `${n}::bigint[]`).join(", ")}, ${cumNames.join(", ")}
           FROM ${unnestOf(types, names)}
       ON CONFLICT DO NOTHING`,
      columnsOf(inserts, types.length, values),
    );
    if (rowCount !== inserts.length) throw new ConcurrentRollupWrite("usage_daily_by: a row appeared during the fold");
  }
}

/** Adds the calls to every roll-up, inside the caller's transaction. */
export async function foldIntoRollups(client: PoolClient, rows: readonly RollupInput[]): Promise<void> {
  if (rows.length === 0) return;
  const deltas = foldDeltas(rows);
  await client.query(`SELECT set_config('modelport.skip_rollup_triggers', 'on', true)`);
  await applyTo(client, fullSpec("usage_hourly", "bucket"), deltas.hourly);
  await applyTo(client, fullSpec("usage_daily", "day"), deltas.daily);
  await applyTo(client, narrowSpec("usage_hourly_by", "bucket"), deltas.hourlyBy);
  await applyDailyBy(client, deltas.dailyBy);
  await client.query(`SELECT set_config('modelport.skip_rollup_triggers', 'off', true)`);
}
