import "server-only";
import { db } from "@/lib/server/db";
import { canDeprecate, type Deprecator } from "@/lib/governance/deprecate-version";

/** Whether the viewer may deprecate this version now, and which approved versions could replace it. */
export async function getDeprecationOptions(input: { user: Deprecator; modelId: string; version: string }) {
  const v = await db.modelVersion.findFirst({
    where: { modelId: input.modelId, version: input.version },
    select: {
      status: true,
      model: {
        select: {
          teamId: true,
          versions: {
            where: { status: "approved", version: { not: input.version } },
            select: { version: true },
            orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
          },
        },
      },
    },
  });
  if (!v || v.status !== "approved" || !canDeprecate(input.user, v.model.teamId)) return null;
  return { replacements: v.model.versions.map((r) => r.version) };
}
