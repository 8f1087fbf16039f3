import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { findHealthVersion, type VersionRef } from "@/lib/model-health/find-health-version";
import { AppError } from "@/lib/server/errors";

/** What the caller may do on a version's Health page: browse captures, and own (set capture, upload a reference). */
export async function healthAccess(principal: Principal | null, ref: VersionRef): Promise<{ browse: boolean; own: boolean }> {
  const allowed = (need: "browse" | "own") =>
    findHealthVersion(principal, ref, need).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.status === 403) return false;
        throw error;
      },
    );
  const [browse, own] = await Promise.all([allowed("browse"), allowed("own")]);
  return { browse, own };
}
