/**
 * Interactive transaction limits for governance changes. Prisma's default (wait 2 s for a pooled
 * connection) fails decisions with P2028 under bursts — e.g. many reviewers at once queueing on the same
 * row lock — so wait longer for a connection and allow the lock queue time to drain.
 */
export const GOVERNANCE_TX = { maxWait: 15_000, timeout: 30_000 } as const;
