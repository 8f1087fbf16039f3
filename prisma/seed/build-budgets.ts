// Demo budgets, so that /budgets, each app's budget meter and the executive ROI view are full on a first visit:
// a monthly budget on the business unit that spends most, a weekly one on the team that spends most this week
// (near its 80 % alert threshold, not past it), a monthly hard cap on the busiest app and a daily budget on
// another app. Amounts are set from the seeded traffic (written just before, in the same transaction), so the
// figures look the same whatever day the portal is first started; all set by the demo administrator, audited.
import type { Prisma } from "../../lib/generated/prisma/client";

type Pick = { id: string; name: string; spend: bigint; recent: bigint };
type Plan = {
  scope: "businessUnitId" | "teamId" | "appId";
  pick: Pick | undefined;
  period: "day" | "week" | "month";
  amount: bigint;
  hardCap: boolean;
};

const UNIT = BigInt(1_000_000); // micros per currency unit

/** Rounds up to whole currency units (to cents below one unit), at least one cent. */
function roundAmount(micros: bigint): bigint {
  const step = micros >= UNIT * BigInt(10) ? UNIT : BigInt(10_000);
  return ((micros + step - BigInt(1)) / step) * step || BigInt(10_000);
}

/**
 * The scope kind's members ranked by their spend in the current period (as the portal measures it: from the
 * period's start in the installation's time zone to `now`) and their spend over the `recentDays` before `now`.
 */
async function ranked(
  tx: Prisma.TransactionClient,
  kind: "unit" | "team" | "app",
  period: string,
  recentDays: number,
  now: Date,
  tz: string,
) {
  const key = kind === "unit" ? `t."businessUnitId"` : kind === "team" ? `a."teamId"` : `a.id`;
  const names = kind === "unit" ? "business_units" : kind === "team" ? "teams" : "apps";
  return tx.$queryRawUnsafe<Pick[]>(
    `SELECT s.id::text AS id, n.name, s.spend, s.recent FROM (
       SELECT ${key} AS id,
         COALESCE(SUM(i."costMicros") FILTER (WHERE i.at >= date_trunc($1, $2::timestamptz, $3)), 0)::bigint AS spend,
         COALESCE(SUM(i."costMicros") FILTER (WHERE i.at >= $2::timestamptz - make_interval(days => $4)), 0)::bigint AS recent
       FROM invocations i JOIN apps a ON a.id = i."appId" JOIN teams t ON t.id = a."teamId"
       WHERE i.at >= $2::timestamptz - interval '31 days' AND i.at <= $2::timestamptz
       GROUP BY 1
     ) s JOIN ${names} n ON n.id = s.id
     ORDER BY s.recent DESC, n.name`,
    period,
    now,
    tz,
    recentDays,
  );
}

export async function seedDemoBudgets(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const tz = process.env.MODELPORT_TIME_ZONE || "UTC";
  const [admin] = await tx.$queryRaw<
    { id: string; email: string }[]
  >`SELECT id::text, email FROM users WHERE email = 'admin@modelport.local'`;
  if (!admin) return 0;
  const units = await ranked(tx, "unit", "month", 30, now, tz);
  const teams = await ranked(tx, "team", "week", 7, now, tz);
  const monthlyApps = await ranked(tx, "app", "month", 30, now, tz);
  const dailyApps = await ranked(tx, "app", "day", 7, now, tz);
  const busiestApp = monthlyApps[0];
  const dailyApp = dailyApps.find((a) => a.id !== busiestApp?.id);
  const byMostSpentThisWeek = [...teams].sort((a, b) => (b.spend > a.spend ? 1 : b.spend < a.spend ? -1 : 0));
  const plans: Plan[] = [
    // A month's budget 25 % above what the unit spent in the last 30 days: on track.
    {
      scope: "businessUnitId",
      pick: units[0],
      period: "month",
      amount: roundAmount((units[0]?.recent ?? UNIT) + (units[0]?.recent ?? UNIT) / BigInt(4)),
      hardCap: false,
    },
    // This week's spend is 77 % of the budget: near its 80 % threshold (the owners are told when it is crossed).
    {
      scope: "teamId",
      pick: byMostSpentThisWeek[0],
      period: "week",
      amount: roundAmount(((byMostSpentThisWeek[0]?.spend || byMostSpentThisWeek[0]?.recent || UNIT) * BigInt(100)) / BigInt(77)),
      hardCap: false,
    },
    // A hard cap at 1.5 × the app's last 30 days: calls are refused only if it spends far more than usual.
    {
      scope: "appId",
      pick: busiestApp,
      period: "month",
      amount: roundAmount(((busiestApp?.recent ?? UNIT) * BigInt(3)) / BigInt(2)),
      hardCap: true,
    },
    // A day's budget of twice the app's average day of the last week (busy weekdays stay well below it).
    {
      scope: "appId",
      pick: dailyApp,
      period: "day",
      amount: roundAmount(((dailyApp?.recent ?? UNIT) * BigInt(2)) / BigInt(7)),
      hardCap: false,
    },
  ];
  let created = 0;
  for (const plan of plans) {
    if (!plan.pick) continue;
    const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO budgets (id, "${plan.scope}", "amountMicros", period, "hardCap", "createdById", "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1::uuid, $2, $3::"BudgetPeriod", $4, $5::uuid, $6, $6) RETURNING id::text`,
      plan.pick.id,
      plan.amount,
      plan.period,
      plan.hardCap,
      admin.id,
      now,
    );
    await tx.$executeRaw`INSERT INTO audit_events (at, "actorId", "actorLabel", action, "targetType", "targetId", after)
      VALUES (${now}, ${admin.id}::uuid, ${admin.email}, 'budget.create', 'budget', ${row.id},
        ${JSON.stringify({ [plan.scope]: plan.pick.id, amountMicros: Number(plan.amount), period: plan.period, thresholdPercent: 80, hardCap: plan.hardCap })}::jsonb)`;
    created++;
  }
  return created;
}
