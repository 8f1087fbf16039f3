import "server-only";
import { db } from "@/lib/db";
import { EgressAllowList } from "@/lib/net/ip-policy";

// The allow-list is read on almost every outbound call, so it is kept for a few seconds; the admin page
// invalidates it at once in this process (other processes pick the change up within TTL_MS).
const TTL_MS = 5_000;
const cache = globalThis as unknown as { __modelportEgress?: { at: number; list: Promise<EgressAllowList> } };

export function loadEgressAllowList(): Promise<EgressAllowList> {
  const hit = cache.__modelportEgress;
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const list = db.egressRule.findMany({ select: { pattern: true } }).then((rows) => new EgressAllowList(rows.map((r) => r.pattern)));
  cache.__modelportEgress = { at: Date.now(), list };
  list.catch(() => { if (cache.__modelportEgress?.list === list) cache.__modelportEgress = undefined; });
  return list;
}

export function invalidateEgressAllowList(): void {
  cache.__modelportEgress = undefined;
}
