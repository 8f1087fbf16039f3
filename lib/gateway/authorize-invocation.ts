import "server-only";
import { db } from "@/lib/server/db";
import type { Caller } from "@/lib/auth/principal";
import { AppError, forbidden } from "@/lib/server/errors";
import type { ResolvedTarget } from "@/lib/gateway/resolve-version";
import { cachedLookup } from "@/lib/gateway/hot-cache";

const TESTABLE = new Set(["draft", "pending_review", "rejected"]);

/**
 * May this caller invoke this version? Keys reach approved/deprecated versions of models their app may
 * call (gated → an active grant; the key's model allow-list). Signed-in users (the console) also may;
 * the publisher's team and reviewers may test draft, pending and rejected versions too.
 */
export async function authorizeInvocation(caller: Caller, { model, version }: ResolvedTarget): Promise<void> {
  if (version.status === "retired") {
    const replacement = version.replacementVersion?.version;
    throw new AppError(
      "version_retired",
      `Version ${version.version} of ${model.label} has been retired${replacement ? `; use version ${replacement} instead` : ""}.`,
      { details: { replacement: replacement ?? null } },
    );
  }
  if (caller.kind === "key") {
    if (TESTABLE.has(version.status)) throw notInvocable(model.label, version);
    const key = caller.key;
    if (key.modelAllowlist.length > 0 && !key.modelAllowlist.includes(model.id)) {
      throw forbidden(`This API key may not call ${model.label} (it is limited to other models).`);
    }
    if (model.visibility === "gated" && !(await hasGrant(model.id, [key.appId]))) {
      throw new AppError("access_not_granted", `${model.label} is gated: request access for your app first.`);
    }
    return;
  }
  if (caller.kind !== "user") throw new AppError("unauthenticated", "Sign in or send an API key (Authorization: Bearer <key>).");
  const user = caller.user;
  const insider = user.teamIds.includes(model.teamId) || user.role === "reviewer" || user.role === "admin";
  if (TESTABLE.has(version.status) && !insider) throw notInvocable(model.label, version);
  if (model.visibility === "gated" && !insider) {
    const apps = await db.app.findMany({ where: { teamId: { in: user.teamIds }, deletedAt: null }, select: { id: true } });
    if (
      !(await hasGrant(
        model.id,
        apps.map((a) => a.id),
      ))
    ) {
      throw new AppError("access_not_granted", `${model.label} is gated: request access for one of your team's apps first.`);
    }
  }
}

function notInvocable(label: string, version: { version: string; status: string }) {
  return new AppError(
    "version_not_invocable",
    `Version ${version.version} of ${label} is ${version.status.replace("_", " ")}; only approved and deprecated versions can be invoked (its team and reviewers can test it from the console).`,
  );
}

// Cached with immediate eviction on any change to grants or apps (lib/gateway/hot-cache.ts).
async function hasGrant(modelId: string, appIds: string[]): Promise<boolean> {
  if (appIds.length === 0) return false;
  return cachedLookup("grant", `${modelId}:${[...appIds].sort().join(",")}`, async () => {
    const grant = await db.accessGrant.findFirst({ where: { modelId, appId: { in: appIds }, revokedAt: null }, select: { id: true } });
    return grant !== null;
  });
}
