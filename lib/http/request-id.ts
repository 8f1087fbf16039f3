import { randomFillSync } from "node:crypto";

// Random bytes are drawn 4 KB at a time: one call into the CSPRNG (and through Next's crypto wrappers, which
// check their async context on every call) per ~800 request ids instead of one per request.
const POOL_BYTES = 4096;
const ID_BYTES = 5;
let pool = Buffer.alloc(0);
let offset = 0;

/** Short, sortable-enough, unique request id (time prefix + randomness), e.g. `req_lq2x8k_9f3a1c2b7d`. */
export function newRequestId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const random = pool.toString("hex", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `req_${Date.now().toString(36)}_${random}`;
}
