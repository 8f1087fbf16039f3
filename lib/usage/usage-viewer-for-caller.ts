import "server-only";
import { principalOf, type Caller } from "@/lib/auth/principal";
import { unauthenticated } from "@/lib/server/errors";
import { usageViewerForUser, type UsageViewer } from "@/lib/usage/usage-viewer";

/**
 * The usage a route caller may see: a person by role and teams. A key (usage:read scope) acts for its
 * creator, so it sees exactly what its creator's session would, never more.
 */
export function usageViewerForCaller(caller: Caller): UsageViewer {
  const principal = principalOf(caller);
  if (!principal) throw unauthenticated();
  return usageViewerForUser(principal);
}
