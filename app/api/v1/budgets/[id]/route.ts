import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { deleteBudget } from "@/lib/budgets/delete-budget";
import { findVisibleBudget } from "@/lib/budgets/list-budgets";
import { budgetIdParams, budgetSchema, updateBudgetBody } from "@/lib/budgets/schemas";
import { updateBudget } from "@/lib/budgets/update-budget";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { notFound } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

const notYours = {
  401: { description: "Not signed in", schema: errorSchema },
  403: { description: "Not an admin or an owner of the budget's scope; API keys cannot change budgets", schema: errorSchema },
  404: { description: "No such budget you may see", schema: errorSchema },
};

// GET /api/v1/budgets/{id} — one budget you may see, with its current period's spend and forecast.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/budgets/{id}",
    summary: "A budget you may see, with the current period's spend and forecast",
    tags: ["budgets"],
    permission: "budgets:read",
    params: budgetIdParams,
    responses: {
      200: { description: "The budget", schema: budgetSchema },
      401: { description: "Not signed in / invalid API key", schema: errorSchema },
      403: { description: "A key without the usage:read scope", schema: errorSchema },
      404: { description: "No such budget you may see", schema: errorSchema },
    },
  },
  async ({ principal, params }) => {
    const budget = await findVisibleBudget(await budgetAuthorityOf(principal), params.id);
    if (!budget) throw notFound("Budget");
    return json(budget);
  },
);

// PATCH /api/v1/budgets/{id} — change a budget's amount, period, threshold or hard cap.
export const PATCH = defineRoute(
  {
    method: "patch",
    path: "/api/v1/budgets/{id}",
    summary: "Change a budget's amount, period, threshold or hard cap (admins and the scope's owners)",
    tags: ["budgets"],
    permission: "budgets:manage",
    params: budgetIdParams,
    body: updateBudgetBody,
    bodyLimit: 10_000,
    responses: {
      200: { description: "The changed budget", schema: budgetSchema },
      400: { description: "Invalid body", schema: errorSchema },
      ...notYours,
      409: { description: "The scope already has a budget for that period", schema: errorSchema },
    },
  },
  async (ctx) =>
    json(
      await updateBudget({
        authority: await budgetAuthorityOf(ctx.principal),
        actor: actorOf(ctx.caller, ctx),
        id: ctx.params.id,
        body: ctx.body,
      }),
    ),
);

// DELETE /api/v1/budgets/{id} — remove a budget.
export const DELETE = defineRoute(
  {
    method: "delete",
    path: "/api/v1/budgets/{id}",
    summary: "Remove a budget (admins and the scope's owners)",
    tags: ["budgets"],
    permission: "budgets:manage",
    params: budgetIdParams,
    responses: { 204: { description: "Deleted" }, ...notYours },
  },
  async (ctx) => {
    await deleteBudget({ authority: await budgetAuthorityOf(ctx.principal), actor: actorOf(ctx.caller, ctx), id: ctx.params.id });
    return new Response(null, { status: 204 });
  },
);

export const { POST, PUT } = methodsNotAllowed({ GET, PATCH, DELETE });
