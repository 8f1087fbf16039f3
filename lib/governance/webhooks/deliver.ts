import "server-only";
import { guardedRequest } from "@/lib/server/net/guarded-request";

export type OutboundInit = { method: string; headers: Record<string, string>; body: string; timeoutMs: number; maxResponseBytes: number };
export type OutboundResult = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * The single outbound HTTP call of webhook delivery, through the gateway's SSRF-guarded client: the
 * resolved address is checked at connect time against the admin allow-list, and no redirect is followed.
 */
export async function postWebhook(url: string, init: OutboundInit): Promise<OutboundResult> {
  const res = await guardedRequest(url, init);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  return { status: res.status, headers, body: res.body };
}
