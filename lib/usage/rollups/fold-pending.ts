import { sql, type Transaction } from "kysely";
import type { Channel } from "@/lib/generated/kysely/enums";
import type { DB } from "@/lib/generated/kysely/types";
import type { Kdb } from "@/lib/server/db";
import { latencyBucket } from "@/lib/usage/latency-buckets";

// The one fold: takes recorded calls from the durable queue (usage_pending) and adds them to the four roll-ups
// — usage_hourly and usage_daily per version × app × channel, and the narrow usage_hourly_by / usage_daily_by
// per model, app, consuming business unit and channel — in ONE transaction with the queue delete, so every call
// is counted exactly once, even across crashes. Sums are added in SQL; histograms with modelport_hist_add.

/** Calls per pass. A pass costs mostly per roll-up row it touches, and under load many calls share a row. */
export const FOLD_BATCH = 50_000;
/** Arbitrary and constant: one folder per cluster at a time (every portal process runs the worker). */
const LOCK_KEY = "7226230611";

type Tx = Transaction<DB>;
type Entry = {
  /** Queue order: a pass adds calls in the order they were recorded, so the first call a sum cannot take is set aside. */
  id: string;
  at: Date;
  modelId: string;
  versionId: string;
  appId: string | null;
  channel: Channel;
  statusCode: number;
  gatewayMs: number;
  upstreamMs: number;
  bytesIn: number;
  bytesOut: number;
  costMicros: string;
  valueMicros: string;
  /** The consuming business unit (app → team → unit), looked up when the call is taken from the queue. */
  unitId: string | null;
};

export type FoldResult = { folded: number; deadLettered: number; locked: boolean };

/**
 * One pass: folds up to `limit` queued calls. An entry the database refuses to add (a sum beyond bigint, a
 * version that no longer exists) is moved to usage_dead_letters with the error and the rest is folded, so one bad
 * entry never stalls the roll-ups. Any other failure rolls the whole pass back: the calls stay queued.
 * `wait`: block until the folder lock is free instead of giving up (tests, bulk loads).
 */
export async function foldPending(db: Kdb, limit = FOLD_BATCH, wait = false): Promise<FoldResult> {
  return db.transaction().execute(async (trx) => {
    const lock = wait
      ? sql<{ ok: boolean }>`SELECT true AS ok FROM (SELECT pg_advisory_xact_lock(${LOCK_KEY}::bigint)) l`
      : sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}::bigint) AS ok`;
    if (!(await lock.execute(trx)).rows[0].ok) return { folded: 0, deadLettered: 0, locked: false };
    const { rows } = await sql<Entry>`
      WITH taken AS (DELETE FROM usage_pending WHERE id IN (SELECT id FROM usage_pending ORDER BY id LIMIT ${limit})
        RETURNING id, "at", "modelId", "versionId", "appId", "channel", "statusCode", "gatewayMs", "upstreamMs", "bytesIn", "bytesOut", "costMicros", "valueMicros")
      SELECT taken.*, t."businessUnitId" AS "unitId"
        FROM taken LEFT JOIN apps a ON a.id = taken."appId" LEFT JOIN teams t ON t.id = a."teamId"
       ORDER BY taken.id`.execute(trx);
    const deadLettered = await foldOrSetAside(trx, rows);
    return { folded: rows.length - deadLettered, deadLettered, locked: true };
  });
}

/** Folds `entries`; if the database refuses them, halves them until the refused entries are found and set aside. */
async function foldOrSetAside(trx: Tx, entries: Entry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const refused = await attempt(trx, entries);
  if (refused === null) return 0;
  if (entries.length > 1) {
    const half = Math.ceil(entries.length / 2);
    return (await foldOrSetAside(trx, entries.slice(0, half))) + (await foldOrSetAside(trx, entries.slice(half)));
  }
  const { unitId: _unitId, ...entry } = entries[0];
  await trx
    .insertInto("usage_dead_letters")
    .values({ error: refused, entry: JSON.stringify(entry) })
    .execute();
  return 1;
}

/** Adds the entries inside a savepoint: null when they were added, the database's message when it refused them. */
async function attempt(trx: Tx, entries: Entry[]): Promise<string | null> {
  await sql`SAVEPOINT fold`.execute(trx);
  try {
    await addToRollups(trx, entries);
    await sql`RELEASE SAVEPOINT fold`.execute(trx);
    return null;
  } catch (error) {
    if (!refusedData(error)) throw error;
    await sql`ROLLBACK TO SAVEPOINT fold`.execute(trx);
    await sql`RELEASE SAVEPOINT fold`.execute(trx);
    return (error as Error).message;
  }
}

/** A data error (SQLSTATE class 22, e.g. bigint out of range) or a violated constraint (class 23, e.g. a foreign key). */
function refusedData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^2[23]/.test(code);
}

type Sums = {
  calls: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  costMicros: bigint;
  valueMicros: bigint;
  gatewayMsSum: number;
  upstreamMsSum: number;
  hists: [number[], number[], number[]];
};
type Group<K> = { key: K; sums: Sums };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One call as the fold adds it: its money parsed once, its three latency buckets. */
type Call = { e: Entry; cost: bigint; value: bigint; buckets: [number, number, number] };

function add<K>(groups: Map<string, Group<K>>, id: string, key: () => K, { e, cost, value, buckets }: Call): void {
  let g = groups.get(id);
  if (!g) {
    g = {
      key: key(),
      sums: {
        calls: 0,
        errors: 0,
        bytesIn: 0,
        bytesOut: 0,
        costMicros: 0n,
        valueMicros: 0n,
        gatewayMsSum: 0,
        upstreamMsSum: 0,
        hists: [[], [], []],
      },
    };
    groups.set(id, g);
  }
  const s = g.sums;
  s.calls += 1;
  if (e.statusCode >= 400) s.errors += 1;
  s.bytesIn += e.bytesIn;
  s.bytesOut += e.bytesOut;
  s.costMicros += cost;
  s.valueMicros += value;
  s.gatewayMsSum += e.gatewayMs;
  s.upstreamMsSum += e.upstreamMs;
  for (let k = 0; k < 3; k++) {
    const h = s.hists[k];
    while (h.length <= buckets[k]) h.push(0); // stored up to the last non-empty bucket
    h[buckets[k]] += 1;
  }
}

// Each roll-up's rows travel as ONE JSON parameter, typed by json_to_recordset: one statement per table, and no
// per-element quoting of the histograms (pg's array parameters quote and escape every number, which was two thirds
// of a bulk pass's CPU). bigint sums go as decimal strings. ON CONFLICT adds the pass's figures to the stored row.
const FIGURES =
  sql.raw(`calls bigint, errors bigint, "costMicros" bigint, "valueMicros" bigint, "gatewayMsSum" float8, "upstreamMsSum" float8,
  "latencyHist" bigint[], "gatewayHist" bigint[], "upstreamHist" bigint[]`);
const FIGURE_COLUMNS = sql.raw(
  `calls, errors, "costMicros", "valueMicros", "gatewayMsSum", "upstreamMsSum", "latencyHist", "gatewayHist", "upstreamHist"`,
);
const ADDED =
  sql.raw(`calls = t.calls + excluded.calls, errors = t.errors + excluded.errors, "costMicros" = t."costMicros" + excluded."costMicros",
  "valueMicros" = t."valueMicros" + excluded."valueMicros", "gatewayMsSum" = t."gatewayMsSum" + excluded."gatewayMsSum",
  "upstreamMsSum" = t."upstreamMsSum" + excluded."upstreamMsSum", "latencyHist" = modelport_hist_add(t."latencyHist", excluded."latencyHist"),
  "gatewayHist" = modelport_hist_add(t."gatewayHist", excluded."gatewayHist"), "upstreamHist" = modelport_hist_add(t."upstreamHist", excluded."upstreamHist")`);

/** A group's figures as the JSON a roll-up row is read from. */
const figures = ({ sums: s }: Group<unknown>) => ({
  calls: String(s.calls),
  errors: String(s.errors),
  costMicros: String(s.costMicros),
  valueMicros: String(s.valueMicros),
  gatewayMsSum: s.gatewayMsSum,
  upstreamMsSum: s.upstreamMsSum,
  latencyHist: s.hists[0],
  gatewayHist: s.hists[1],
  upstreamHist: s.hists[2],
});

type Full = { time: Date; modelId: string; versionId: string; appId: string | null; channel: Channel };
type Narrow = { time: Date; dim: string; key: string };

/** usage_hourly or usage_daily: per version × app × channel. */
async function upsertFull(trx: Tx, table: "usage_hourly" | "usage_daily", groups: Group<Full>[]): Promise<void> {
  if (groups.length === 0) return;
  const time = sql.ref(table === "usage_hourly" ? "bucket" : "day");
  const rows = groups.map(({ key: k, sums }) => ({
    t: k.time,
    modelId: k.modelId,
    versionId: k.versionId,
    appId: k.appId,
    channel: k.channel,
    bytesIn: String(sums.bytesIn),
    bytesOut: String(sums.bytesOut),
    ...figures({ key: k, sums }),
  }));
  await sql`INSERT INTO ${sql.table(table)} AS t (${time}, "modelId", "versionId", "appId", channel, "bytesIn", "bytesOut", ${FIGURE_COLUMNS})
    SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS r(t timestamptz, "modelId" uuid, "versionId" uuid, "appId" uuid, channel "Channel", "bytesIn" bigint, "bytesOut" bigint, ${FIGURES})
    ON CONFLICT (${time}, "versionId", "appId", channel)
    DO UPDATE SET "bytesIn" = t."bytesIn" + excluded."bytesIn", "bytesOut" = t."bytesOut" + excluded."bytesOut", ${ADDED}`.execute(trx);
}

/** usage_hourly_by or usage_daily_by: per dimension and key. */
async function upsertNarrow(trx: Tx, table: "usage_hourly_by" | "usage_daily_by", groups: Group<Narrow>[]): Promise<void> {
  if (groups.length === 0) return;
  const time = sql.ref(table === "usage_hourly_by" ? "bucket" : "day");
  const rows = groups.map((g) => ({ t: g.key.time, dim: g.key.dim, key: g.key.key, ...figures(g) }));
  await sql`INSERT INTO ${sql.table(table)} AS t (${time}, dim, key, ${FIGURE_COLUMNS})
    SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(t timestamptz, dim text, key text, ${FIGURES})
    ON CONFLICT (dim, key, ${time}) DO UPDATE SET ${ADDED}`.execute(trx);
}

// Sorted by key, so two writers touching the same rows (only ever a repair by hand) lock them in the same order.
const sorted = <T>(groups: Map<string, T>): T[] => [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);

async function addToRollups(trx: Tx, entries: Entry[]): Promise<void> {
  const hourly = new Map<string, Group<Full>>();
  const daily = new Map<string, Group<Full>>();
  const hourlyBy = new Map<string, Group<Narrow>>();
  const dailyBy = new Map<string, Group<Narrow>>();
  for (const e of entries) {
    const ms = e.at.getTime();
    const hour = Math.floor(ms / HOUR) * HOUR;
    const day = Math.floor(ms / DAY) * DAY;
    const call: Call = {
      e,
      cost: BigInt(e.costMicros),
      value: BigInt(e.valueMicros),
      buckets: [latencyBucket(e.gatewayMs + e.upstreamMs), latencyBucket(e.gatewayMs), latencyBucket(e.upstreamMs)],
    };
    const full = `${e.versionId}|${e.appId}|${e.channel}`;
    const fullKey = (time: number) => () => ({
      time: new Date(time),
      modelId: e.modelId,
      versionId: e.versionId,
      appId: e.appId,
      channel: e.channel,
    });
    add(hourly, `${hour}|${full}`, fullKey(hour), call);
    add(daily, `${day}|${full}`, fullKey(day), call);
    for (const [dim, key] of [
      ["model", e.modelId],
      ["app", e.appId ?? "none"],
      ["unit", e.unitId ?? "none"],
      ["channel", e.channel],
    ]) {
      add(hourlyBy, `${dim}|${key}|${hour}`, () => ({ time: new Date(hour), dim, key }), call);
      add(dailyBy, `${dim}|${key}|${day}`, () => ({ time: new Date(day), dim, key }), call);
    }
  }
  await upsertFull(trx, "usage_hourly", sorted(hourly));
  await upsertFull(trx, "usage_daily", sorted(daily));
  await upsertNarrow(trx, "usage_hourly_by", sorted(hourlyBy));
  await upsertNarrow(trx, "usage_daily_by", sorted(dailyBy));
}
