import "server-only";
import { loadBudgetSpend, type BudgetSpend } from "@/lib/budgets/budget-spend";
import { PERIOD_ADJECTIVE, type BudgetPeriod } from "@/lib/budgets/schemas";
import { formatMoney } from "@/lib/format";
import { pool } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { lookupCache } from "@/lib/server/lookup-cache";

// The hard caps on the gateway's hot path. Two caches, so a call costs no query while nothing changes:
// - the hard-capped budgets, indexed by app and by team (a unit's budget under each of its teams), emptied at once
//   on any change to budgets, apps or teams (in this process, and in every other through NOTIFY);
// - each budget's spend in its current period, read from committed figures (lib/budgets/budget-spend.ts) at most
//   once per MODELPORT_BUDGET_SPEND_TTL_MS (default 2 s) per process. Nothing is counted in memory, so nodes never
//   drift apart. The recorder commits a call before its answer leaves, so the lag is this TTL: a burst overspends
//   by at most the calls that start within one TTL window after the cap is reached (docs/decisions.md, "Budgets").

type Cap = { id: string; amountMicros: bigint; period: BudgetPeriod; label: string };
type Caps = { byApp: Map<string, Cap[]>; byTeam: Map<string, Cap[]>; empty: boolean };

const spendTtlMs = () => Number(process.env.MODELPORT_BUDGET_SPEND_TTL_MS ?? 2_000);

const capsCache = lookupCache({
  name: "budgets",
  tables: ["budgets", "apps", "teams"],
  ttlMs: () => Number(process.env.MODELPORT_GATEWAY_CACHE_TTL_MS ?? 5_000),
  enabled: () => process.env.MODELPORT_GATEWAY_CACHE !== "0",
});

// Plain SQL on the pool: this runs on the gateway's path (lib/auth/resolve-api-key.ts says why not the ORM).
async function loadCaps(): Promise<Caps> {
  const { rows } = await pool().query<{
    id: string;
    amountMicros: string;
    period: BudgetPeriod;
    appId: string | null;
    teamIds: string[];
    label: string;
  }>(
    `SELECT b.id, b."amountMicros"::text AS "amountMicros", b.period::text AS period, b."appId",
       CASE WHEN b."teamId" IS NOT NULL THEN ARRAY[b."teamId"::text]
            WHEN b."businessUnitId" IS NOT NULL THEN ARRAY(SELECT t.id::text FROM teams t WHERE t."businessUnitId" = b."businessUnitId")
            ELSE ARRAY[]::text[] END AS "teamIds",
       COALESCE('app ' || a.name, 'team ' || t.name, 'business unit ' || u.name) AS label
     FROM budgets b LEFT JOIN apps a ON a.id = b."appId" LEFT JOIN teams t ON t.id = b."teamId"
       LEFT JOIN business_units u ON u.id = b."businessUnitId"
     WHERE b."hardCap"`,
  );
  const caps: Caps = { byApp: new Map(), byTeam: new Map(), empty: rows.length === 0 };
  const add = (map: Map<string, Cap[]>, key: string, cap: Cap) => map.set(key, [...(map.get(key) ?? []), cap]);
  for (const r of rows) {
    const cap = { id: r.id, amountMicros: BigInt(r.amountMicros), period: r.period, label: r.label };
    if (r.appId) add(caps.byApp, r.appId, cap);
    for (const teamId of r.teamIds) add(caps.byTeam, teamId, cap);
  }
  return caps;
}

type SpendEntry = { value: Promise<BudgetSpend | undefined>; expires: number };
const spendCache = new Map<string, SpendEntry>();

function cachedSpend(cap: Cap): Promise<BudgetSpend | undefined> {
  const key = `${cap.id}:${cap.period}`;
  const now = Date.now();
  const hit = spendCache.get(key);
  if (hit && hit.expires > now) return hit.value;
  const value = loadBudgetSpend([cap.id]).then((m) => m.get(cap.id));
  const entry: SpendEntry = { value, expires: now + spendTtlMs() };
  spendCache.set(key, entry);
  value.then(
    // A period that ends before the TTL does is read again right after it ends.
    (s) => {
      if (s && s.periodEnd.getTime() < entry.expires) entry.expires = s.periodEnd.getTime();
    },
    () => {
      if (spendCache.get(key) === entry) spendCache.delete(key);
    },
  );
  return value;
}

/**
 * Refuses a call (402 budget_exceeded) when a hard-capped budget on its app, the app's team or the team's
 * business unit has been spent in the current period. The message names the budget and when it resets.
 */
export async function assertWithinBudgets(scope: { appId: string; teamId: string }): Promise<void> {
  const caps = await capsCache("all", loadCaps);
  if (caps.empty) return;
  const mine = [...(caps.byApp.get(scope.appId) ?? []), ...(caps.byTeam.get(scope.teamId) ?? [])];
  for (const cap of mine) {
    const spend = await cachedSpend(cap);
    if (!spend || spend.spendMicros < cap.amountMicros) continue;
    const resetsAt = spend.periodEnd.toISOString();
    throw new AppError(
      "budget_exceeded",
      `The ${PERIOD_ADJECTIVE[cap.period]} budget of ${cap.label} (${formatMoney(cap.amountMicros)}, hard cap) is spent; calls are refused until it resets at ${resetsAt}.`,
      {
        details: { budgetId: cap.id, resetsAt },
        headers: { "retry-after": String(Math.max(1, Math.ceil((spend.periodEnd.getTime() - Date.now()) / 1000))) },
      },
    );
  }
}

/** Forgets the cached spend figures (tests). */
export function clearBudgetSpendCache(): void {
  spendCache.clear();
}
