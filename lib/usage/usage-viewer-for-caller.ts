import "server-only";
import type { Caller } from "@/lib/http/handler";
import { unauthenticated } from "@/lib/http/errors";
import { usageViewerForUser, type UsageViewer } from "@/lib/usage/usage-viewer";

/** The usage a route caller may see: a user by role and teams, an API key only its own app's calls. */
export function usageViewerForCaller(caller: Caller): UsageViewer {
  if (caller.kind === "user") return usageViewerForUser(caller.user);
  if (caller.kind === "key") return { kind: "app", appId: caller.key.appId };
  throw unauthenticated();
}
