import type { SessionUser } from "@/lib/auth/current-user";
import type { Caller } from "@/lib/auth/principal";
import { unauthenticated } from "@/lib/server/errors";

/** Governance decisions are taken by people: routes without a key scope only ever see users, this narrows it. */
export function sessionUserOf(caller: Caller): SessionUser {
  if (caller.kind !== "user") throw unauthenticated("Sign in: this action is taken by a person, not an API key.");
  return caller.user;
}
