import "server-only";
import { db } from "@/lib/server/db";
import { onTableChange } from "@/lib/server/lookup-cache";
import { EgressAllowList } from "@/lib/server/net/ip-policy";

// The allow-list is read on almost every outbound call, so it is kept for a few seconds; any change to the
// table, in this process or another, evicts it at once (the NOTIFY listener of lib/server/lookup-cache.ts); TTL_MS is the
// safety net while that listener is down.
const TTL_MS = 5_000;
let cached: { at: number; list: Promise<EgressAllowList> } | undefined;

export function loadEgressAllowList(): Promise<EgressAllowList> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.list;
  const list = db.egressRule.findMany({ select: { pattern: true } }).then((rows) => new EgressAllowList(rows.map((r) => r.pattern)));
  cached = { at: Date.now(), list };
  list.catch(() => {
    if (cached?.list === list) cached = undefined;
  });
  return list;
}

export function invalidateEgressAllowList(): void {
  cached = undefined;
}
onTableChange("egress_rules", invalidateEgressAllowList);
