import { randomBytes } from "node:crypto";

/** Short, sortable-enough, unique request id (time prefix + randomness), e.g. `req_lq2x8k_9f3a1c2b7d`. */
export function newRequestId(): string {
  return `req_${Date.now().toString(36)}_${randomBytes(5).toString("hex")}`;
}
