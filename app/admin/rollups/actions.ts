"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { failure, type ActionState } from "@/app/admin/action-state";
import { requireUser } from "@/lib/auth/require-user";
import { discardDeadLetter, requeueDeadLetter } from "@/lib/usage/rollups/dead-letters";

// Server actions behind the buttons of /admin/rollups.
export async function deadLetterAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const user = await requireUser("admin:manage");
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  const input = { actor: { id: user.id, label: user.email, ip }, id: String(d.get("id") ?? "") };
  try {
    if (d.get("do") === "requeue") await requeueDeadLetter(input);
    else await discardDeadLetter(input);
    revalidatePath("/admin/rollups");
    return { ok: true, message: d.get("do") === "requeue" ? "Queued again: the fold picks it up within a second." : "Discarded." };
  } catch (e) {
    return failure(e);
  }
}
