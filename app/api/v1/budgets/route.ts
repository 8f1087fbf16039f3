import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { createBudget } from "@/lib/budgets/create-budget";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { budgetListSchema, budgetSchema, createBudgetBody, listBudgetsQuery } from "@/lib/budgets/schemas";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";

export const dynamic = "force-dynamic";

// GET /api/v1/budgets — the budgets you may see, each with its current period's spend and forecast.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/budgets",
    summary: "List budgets (yours: your teams', their apps' and units'; admins and executives: all) with the current period's spend",
    tags: ["budgets"],
    permission: "budgets:read",
    query: listBudgetsQuery,
    responses: {
      200: { description: "Budgets, oldest first", schema: budgetListSchema },
      400: { description: "Invalid query parameter", schema: errorSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the usage:read scope", schema: errorSchema },
    },
  },
  async ({ principal, query }) => json({ items: await listBudgets({ authority: await budgetAuthorityOf(principal), app: query.app }) }),
);

// POST /api/v1/budgets — set a budget on an app, a team or a business unit.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/budgets",
    summary: "Set a budget on an app, a team or a business unit (admins; a team's maintainers for their team and apps; a unit's owners)",
    tags: ["budgets"],
    permission: "budgets:manage",
    body: createBudgetBody,
    bodyLimit: 10_000,
    responses: {
      201: { description: "The new budget", schema: budgetSchema, headers: ["Location"] },
      400: { description: "Invalid body", schema: errorSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not an admin or an owner of the scope; API keys cannot set budgets", schema: errorSchema },
      404: { description: "No such app, team or business unit", schema: errorSchema },
      409: { description: "The scope already has a budget for this period", schema: errorSchema },
    },
  },
  async (ctx) => {
    const budget = await createBudget({
      authority: await budgetAuthorityOf(ctx.principal),
      actor: actorOf(ctx.caller, ctx),
      body: ctx.body,
    });
    return json(budget, { status: 201, headers: { location: `/api/v1/budgets/${budget.id}` } });
  },
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed({ GET, POST });
