import { z } from "zod";

// The public contract of budgets (GET/POST /api/v1/budgets, PATCH/DELETE /api/v1/budgets/{id}). Money is integer
// micro-units (1 unit = 1,000,000), as everywhere in the portal.

export const BUDGET_PERIODS = ["day", "week", "month"] as const;
export const BUDGET_SCOPES = ["app", "team", "business_unit"] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export type BudgetScopeKind = (typeof BUDGET_SCOPES)[number];
export const PERIOD_ADJECTIVE: Record<BudgetPeriod, string> = { day: "daily", week: "weekly", month: "monthly" };

const amountMicros = z
  .number({ error: "amountMicros must be a whole number of micro-units." })
  .int({ error: "amountMicros must be a whole number of micro-units." })
  .min(1, { error: "amountMicros must be above zero." })
  .max(Number.MAX_SAFE_INTEGER)
  .describe("The amount per period, in micro-units (1 unit = 1,000,000)");
const thresholdPercent = z
  .number()
  .int()
  .min(1)
  .max(100)
  .describe("Owners are notified (in the app and by the signed webhook budget.threshold) when spend reaches this share");
const hardCap = z.boolean().describe("Refuse calls (402 budget_exceeded) once the period's spend reaches the amount");
const period = z.enum(BUDGET_PERIODS).describe("Starts at midnight (Monday, the 1st) in the installation's time zone");

export const budgetIdParams = z.object({ id: z.uuid() });

export const createBudgetBody = z
  .object({
    app: z.uuid().optional().describe("The app's id: a budget on the calls of this app's keys"),
    team: z.string().trim().min(1).max(100).optional().describe("Team slug: a budget on the calls of the team's apps"),
    businessUnit: z.string().trim().min(1).max(100).optional().describe("Business unit slug: a budget on its teams' apps"),
    amountMicros,
    period,
    thresholdPercent: thresholdPercent.default(80),
    hardCap: hardCap.default(false),
  })
  .strict()
  .refine((b) => [b.app, b.team, b.businessUnit].filter((v) => v !== undefined).length === 1, {
    error: "Name exactly one of app, team or businessUnit.",
  });

export const updateBudgetBody = z
  .object({
    amountMicros: amountMicros.optional(),
    period: period.optional(),
    thresholdPercent: thresholdPercent.optional(),
    hardCap: hardCap.optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), "Send at least one of amountMicros, period, thresholdPercent, hardCap");

export const listBudgetsQuery = z.object({
  app: z
    .preprocess((v) => (v === "" ? undefined : v), z.uuid().optional())
    .describe("Only budgets that cover this app (its own, its team's, its unit's)"),
});

export const budgetSchema = z.object({
  id: z.string(),
  scope: z.object({
    kind: z.enum(BUDGET_SCOPES),
    id: z.string(),
    name: z.string().describe("The app's, team's or unit's name"),
    slug: z.string().nullable().describe("Team or unit slug; null for an app"),
  }),
  amountMicros: z.number(),
  period,
  thresholdPercent: z.number(),
  hardCap: z.boolean(),
  current: z.object({
    periodStart: z.string(),
    periodEnd: z.string().describe("When the period resets"),
    spendMicros: z.number().describe("Committed cost of the period's calls so far"),
    percent: z.number().describe("Spend as a percentage of the amount"),
    forecastMicros: z.number().describe("Spend at the period's end at today's pace: spend / elapsed × period length"),
  }),
  canEdit: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const budgetListSchema = z.object({ items: z.array(budgetSchema) });

export type CreateBudgetBody = z.infer<typeof createBudgetBody>;
export type UpdateBudgetBody = z.infer<typeof updateBudgetBody>;
export type BudgetView = z.infer<typeof budgetSchema>;
