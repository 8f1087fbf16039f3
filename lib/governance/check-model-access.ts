import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";

/**
 * For the gateway and console: an app may call a gated model only with an unrevoked grant (public models
 * need none). Throws 403 `access_not_granted` explaining how to get access.
 */
export async function assertModelAccess(input: { modelId: string; visibility: "public" | "gated"; modelSlug: string; appId: string | null }): Promise<void> {
  if (input.visibility === "public") return;
  const grant = input.appId
    ? await db.accessGrant.findFirst({ where: { modelId: input.modelId, appId: input.appId, revokedAt: null }, select: { id: true } })
    : null;
  if (!grant) {
    throw new AppError("access_not_granted", `${input.modelSlug} is gated: request access for your app on the model page; the owning team or a reviewer decides.`);
  }
}
