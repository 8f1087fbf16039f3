"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { failure, type ActionState } from "@/app/admin/action-state";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { versionParams } from "@/lib/governance/schemas";
import { clientIp } from "@/lib/http/client-ip";
import { updateHealthSettings } from "@/lib/model-health/alerts/health-settings";
import { healthSettingsBody } from "@/lib/model-health/alerts/schemas";
import { signals } from "@/lib/model-health/alerts/signals";
import { findHealthVersion } from "@/lib/model-health/feedback/find-health-version";

const field = (d: FormData, k: string) => {
  const v = d.get(k);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/** Saves a version's ground-truth kind, reference accuracy and thresholds (blank threshold: the default). */
export async function saveHealthSettingsAction(_prev: ActionState, d: FormData): Promise<ActionState> {
  try {
    const user = await requireUser();
    const principal = principalOfUser(user);
    const ref = versionParams.parse({ owner: field(d, "owner"), name: field(d, "name"), version: field(d, "version") });
    const version = await findHealthVersion(principal, ref);
    const thresholds: Record<string, number> = {};
    for (const s of signals()) {
      const v = field(d, `threshold:${s.rule}`);
      if (v !== undefined) thresholds[s.rule] = Number(v);
    }
    const kind = field(d, "qualityKind");
    const reference = field(d, "referenceAccuracy");
    const body = healthSettingsBody.parse({
      qualityKind: kind === "classification" || kind === "regression" ? kind : null,
      referenceAccuracy: reference === undefined ? null : Number(reference),
      thresholds,
    });
    await updateHealthSettings({ principal, actor: { id: user.id, label: user.email, ip: clientIp(await headers()) }, version, body });
    revalidatePath(`/models/${ref.owner}/${ref.name}/versions/${ref.version}/quality`);
    return { ok: true, message: "Health settings saved; the alerts job uses them on its next pass (within 30 s)." };
  } catch (e) {
    return failure(e);
  }
}
