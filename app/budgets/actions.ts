"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { failure, type ActionState } from "@/app/admin/action-state";
import { budgetAuthorityOf } from "@/lib/budgets/budget-authority";
import { createBudget } from "@/lib/budgets/create-budget";
import { deleteBudget } from "@/lib/budgets/delete-budget";
import { budgetIdParams, createBudgetBody, updateBudgetBody } from "@/lib/budgets/schemas";
import { updateBudget } from "@/lib/budgets/update-budget";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/server/errors";

async function person() {
  const user = await requireUser("budgets:manage");
  return {
    authority: await budgetAuthorityOf(principalOfUser(user)),
    actor: { id: user.id, label: user.email, ip: clientIp(await headers()) },
  };
}

const field = (d: FormData, k: string) => {
  const v = d.get(k);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/** "12.50" (in currency units) → 12500000 micros; anything else is left for the schema to refuse. */
function micros(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d{1,6})?$/.test(v))
    throw new AppError("validation_failed", "The amount must be a positive number with at most 6 decimals.");
  const [whole, fraction = ""] = v.split(".");
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, "0"));
}

const percent = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export async function createBudgetAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  try {
    const { authority, actor } = await person();
    const [kind, ref] = (field(d, "scope") ?? "").split(/:(.*)/s);
    const body = createBudgetBody.parse({
      app: kind === "app" ? ref : undefined,
      team: kind === "team" ? ref : undefined,
      businessUnit: kind === "unit" ? ref : undefined,
      amountMicros: micros(field(d, "amount")),
      period: field(d, "period"),
      thresholdPercent: percent(field(d, "thresholdPercent")),
      hardCap: d.get("hardCap") === "on",
    });
    const budget = await createBudget({ authority, actor, body });
    revalidatePath("/budgets");
    return { ok: true, message: `Budget set on ${budget.scope.name}.` };
  } catch (e) {
    return failure(e);
  }
}

export async function updateBudgetAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  try {
    const { authority, actor } = await person();
    const body = updateBudgetBody.parse({
      amountMicros: micros(field(d, "amount")),
      thresholdPercent: percent(field(d, "thresholdPercent")),
      hardCap: d.get("hardCap") === "on",
    });
    const budget = await updateBudget({ authority, actor, id: budgetIdParams.parse({ id: field(d, "id") }).id, body });
    revalidatePath("/budgets");
    return { ok: true, message: `Budget on ${budget.scope.name} saved.` };
  } catch (e) {
    return failure(e);
  }
}

export async function deleteBudgetAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  try {
    const { authority, actor } = await person();
    await deleteBudget({ authority, actor, id: budgetIdParams.parse({ id: field(d, "id") }).id });
    revalidatePath("/budgets");
    return { ok: true, message: "Budget removed." };
  } catch (e) {
    return failure(e);
  }
}
