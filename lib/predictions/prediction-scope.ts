import "server-only";
import type { Caller } from "@/lib/auth/principal";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unauthenticated } from "@/lib/server/errors";

/**
 * The predictions a caller may see and cancel: a key, its app's; a person, their own and their teams' apps'.
 * Anything else answers like a missing prediction (404).
 */
export function predictionScope(caller: Caller): Prisma.PredictionWhereInput {
  if (caller.kind === "key") return { appId: caller.key.appId };
  if (caller.kind === "user") return { OR: [{ userId: caller.user.id }, { app: { teamId: { in: caller.user.teamIds } } }] };
  throw unauthenticated();
}
