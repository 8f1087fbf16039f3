import "server-only";
import { db } from "@/lib/server/db";
import { evictTables, lookupCache } from "@/lib/server/lookup-cache";
import { EgressAllowList } from "@/lib/server/net/ip-policy";

// The allow-list is read on almost every outbound call, so it is kept for a few seconds; any change to the
// table, in this process or another, evicts it at once (lib/server/lookup-cache.ts).
const cached = lookupCache({ name: "egress", tables: ["egress_rules"], ttlMs: () => 5_000 });

export function loadEgressAllowList(): Promise<EgressAllowList> {
  return cached("all", () =>
    db.egressRule.findMany({ select: { pattern: true } }).then((rows) => new EgressAllowList(rows.map((r) => r.pattern))),
  );
}

/** Drops the cached list at once (after a committed change, without waiting for its notification). */
export function invalidateEgressAllowList(): void {
  evictTables(["egress_rules"]);
}
