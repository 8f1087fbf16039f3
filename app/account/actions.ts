"use server";

import { headers } from "next/headers";
import { failure, type ActionState } from "@/app/admin/action-state";
import type { AuditActor } from "@/lib/audit/record-audit";
import { changePassword } from "@/lib/auth/change-password";
import { requireUser } from "@/lib/auth/require-user";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { clientIp } from "@/lib/http/client-ip";

async function me() {
  const user = await requireUser();
  const actor: AuditActor = { id: user.id, label: user.email, ip: clientIp(await headers()) };
  return { user, actor };
}

export async function changePasswordAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await me();
  try {
    await changePassword({
      user,
      actor,
      data: { currentPassword: String(d.get("currentPassword") ?? ""), newPassword: String(d.get("newPassword") ?? "") },
    });
    return { ok: true, message: "Password changed. Signing you out everywhere…" };
  } catch (e) {
    return failure(e);
  }
}

export async function signOutEverywhereAction(_prev: ActionState): Promise<ActionState> {
  const { user, actor } = await me();
  try {
    const { sessionsEnded } = await signOutEverywhere({ by: user, actor, userId: user.id });
    return { ok: true, message: `${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} signed out. Signing you out here…` };
  } catch (e) {
    return failure(e);
  }
}
