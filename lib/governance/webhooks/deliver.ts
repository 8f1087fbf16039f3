import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { db } from "@/lib/db";
import { isAllowListed, isForbiddenAddress } from "@/lib/governance/webhooks/address-policy";
import { AppError } from "@/lib/http/errors";

export type OutboundInit = { method: string; headers: Record<string, string>; body: string; timeoutMs: number; maxResponseBytes: number };
export type OutboundResult = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * The single outbound HTTP call of webhook delivery — same shape as the gateway's `guardedRequest` so it can
 * be swapped for it. The SSRF check runs on the addresses the connection will actually use (inside the
 * socket's DNS lookup), so a name that resolves to an internal address is refused even if it looked public,
 * and the checked address is the one connected to (no DNS-rebinding window). No redirects are followed.
 */
export async function postWebhook(url: string, init: OutboundInit): Promise<OutboundResult> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new AppError("egress_blocked", "Only http and https URLs are allowed.");
  const allow = (await db.egressRule.findMany({ select: { pattern: true } })).map((r) => r.pattern);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const refuse = (address: string) => isForbiddenAddress(address) && !isAllowListed(host, address, allow);
  if (isIP(host) && refuse(host)) throw new AppError("egress_blocked", `${host} is an internal address and is not on the egress allow-list.`);

  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family }, (err, addresses) => {
      if (err) return callback(err, "", 4);
      const bad = addresses.find((a) => refuse(a.address));
      if (bad) return callback(new AppError("egress_blocked", `${hostname} resolves to ${bad.address}, an internal address not on the egress allow-list.`), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  const client = target.protocol === "https:" ? https : http;
  return new Promise<OutboundResult>((resolve, reject) => {
    const req = client.request(target, { method: init.method, headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) }, lookup, timeout: init.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= init.maxResponseBytes) chunks.push(c);
      });
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new AppError("upstream_timeout", `No answer within ${init.timeoutMs} ms.`)));
    req.on("error", reject);
    req.end(init.body);
  });
}
