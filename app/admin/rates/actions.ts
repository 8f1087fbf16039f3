"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/server/errors";
import { createHardwareRate } from "@/lib/usage/create-hardware-rate";

// Server action behind the "Add rate" form on /admin/rates.
export async function addHardwareRate(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser("admin:manage");
  try {
    const rate = await createHardwareRate({
      actor: { id: user.id, label: user.email },
      data: { hardwareClass: form.get("hardwareClass"), hourlyRate: form.get("hourlyRate"), effectiveFrom: form.get("effectiveFrom") },
    });
    revalidatePath("/admin/rates");
    return { ok: true, message: `Rate for ${rate.hardwareClass} added from ${rate.effectiveFrom.toISOString()}.` };
  } catch (e) {
    if (e instanceof ZodError) return { ok: false, message: e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    if (e instanceof AppError) return { ok: false, message: e.message };
    throw e;
  }
}
