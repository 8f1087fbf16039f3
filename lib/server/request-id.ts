import { randomUUID } from "node:crypto";

/** A unique request id: a random (v4) UUID, e.g. `req_3b241101-e2bb-4255-8caf-4136c566a962`. */
export function newRequestId(): string {
  return `req_${randomUUID()}`;
}
