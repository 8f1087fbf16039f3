"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { failure, type ActionState } from "@/app/admin/action-state";
import { createBusinessUnit, createTeam, setTeamMembership, updateUser } from "@/lib/admin/manage-organisation";
import type { AuditActor } from "@/lib/audit/record-audit";
import { requireUser } from "@/lib/auth/require-user";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { clientIp } from "@/lib/http/client-ip";
import { assertStorableText } from "@/lib/server/safe-input";
import { createWebhook, setWebhookActive } from "@/lib/governance/webhooks/manage-webhooks";

async function admin() {
  const user = await requireUser("admin:manage");
  const ip = clientIp(await headers());
  const actor: AuditActor = { id: user.id, label: user.email, ip };
  return { user, actor };
}

// Form text that PostgreSQL cannot store (NUL, unpaired surrogates) becomes a message on the form, not a 500.
const text = (d: FormData, k: string) => assertStorableText(String(d.get(k) ?? ""), `The field ${k}`);

export async function updateUserAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const disabled = d.get("disabled");
    await updateUser({
      admin: user,
      actor,
      change: {
        userId: text(d, "userId"),
        role: d.get("role") || undefined,
        disabled: disabled === null ? undefined : disabled === "true",
      },
    });
    revalidatePath("/admin");
    return { ok: true, message: "Saved." };
  } catch (e) {
    return failure(e);
  }
}

/** Ends every browser session of a user at once (a lost laptop, a leaked cookie); their API keys keep working. */
export async function signOutUserAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const { sessionsEnded } = await signOutEverywhere({ by: user, actor, userId: text(d, "userId") });
    revalidatePath("/admin");
    return { ok: true, message: `Signed out everywhere (${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} ended).` };
  } catch (e) {
    return failure(e);
  }
}

export async function createBusinessUnitAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const bu = await createBusinessUnit({
      admin: user,
      actor,
      data: { slug: text(d, "slug"), name: text(d, "name"), costCenter: text(d, "costCenter") },
    });
    revalidatePath("/admin/organisation");
    return { ok: true, message: `Business unit ${bu.name} created.` };
  } catch (e) {
    return failure(e);
  }
}

export async function createTeamAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const team = await createTeam({
      admin: user,
      actor,
      data: { slug: text(d, "slug"), name: text(d, "name"), businessUnitId: text(d, "businessUnitId") },
    });
    revalidatePath("/admin/organisation");
    return { ok: true, message: `Team ${team.name} created.` };
  } catch (e) {
    return failure(e);
  }
}

export async function setMembershipAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const saved = await setTeamMembership({
      admin: user,
      actor,
      data: { teamId: text(d, "teamId"), email: text(d, "email"), role: text(d, "role") },
    });
    revalidatePath("/admin/organisation");
    // Names who and where, so a second save does not look like the first one still on screen.
    return {
      ok: true,
      message:
        saved.role === "remove" ? `${saved.email} removed from ${saved.team}.` : `${saved.email} is now a ${saved.role} of ${saved.team}.`,
    };
  } catch (e) {
    return failure(e);
  }
}

export async function createWebhookAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    const hook = await createWebhook({ user, actor, url: text(d, "url"), events: d.getAll("events").map(String) });
    revalidatePath("/admin/webhooks");
    return { ok: true, message: `Webhook registered. Signing secret (shown once): ${hook.secret}` };
  } catch (e) {
    return failure(e);
  }
}

export async function toggleWebhookAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  const { user, actor } = await admin();
  try {
    await setWebhookActive({ user, actor, id: text(d, "id"), active: text(d, "active") === "true" });
    revalidatePath("/admin/webhooks");
    return { ok: true, message: "Saved." };
  } catch (e) {
    return failure(e);
  }
}
