import ipaddr from "ipaddr.js";
import { isIP } from "node:net";

// The audit trail's client IP. Route handlers get no socket from Next.js, so the gateway door (gateway/, the
// public server of `npm start`) writes the socket's peer address into PEER_HEADER, over any value a client
// sent, and proves it is the door with DOOR_HEADER (a secret the launcher gives both processes). Next's server
// (scripts/next-server.ts) drops PEER_HEADER from any request without that proof and says it checks by setting
// PEER_HEADER_ENV in its own process. Without it (`next dev`) the header is ignored and the IP is unknown (null)
// rather than taken from something a client can write.
// X-Forwarded-For is believed only as far as the hops are proxies the operator trusts
// (MODELPORT_TRUSTED_PROXIES: IP addresses or CIDR ranges, comma-separated): read from the right, the first
// address that is not a trusted proxy is the client.

export const PEER_HEADER = "x-modelport-peer";
export const PEER_HEADER_ENV = "MODELPORT_PEER_HEADER";
export const DOOR_HEADER = "x-modelport-door";

type Headers = { get(name: string): string | null };
type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** The address in its plain form (IPv4-mapped IPv6 as IPv4, no zone), or null when it is not an IP. */
function normalise(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed || !isIP(trimmed)) return null;
  return ipaddr.process(trimmed).toString();
}

/** The trusted proxy ranges, parsed from a MODELPORT_TRUSTED_PROXIES value (bad entries throw). */
export function parseTrustedProxies(value: string | undefined): Range[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [ip, bits] = entry.split("/");
      const address = normalise(ip);
      if (!address) throw new Error(`MODELPORT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
      const parsed = ipaddr.parse(address);
      const max = parsed.kind() === "ipv4" ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max)
        throw new Error(`MODELPORT_TRUSTED_PROXIES: "${entry}" has a bad prefix length.`);
      return [parsed, prefix] as Range;
    });
}

let cached: { value: string | undefined; ranges: Range[] } | undefined;
function trustedProxies(): Range[] {
  const value = process.env.MODELPORT_TRUSTED_PROXIES;
  if (!cached || cached.value !== value) {
    let ranges: Range[] = [];
    try {
      ranges = parseTrustedProxies(value);
    } catch (error) {
      // The door (gateway/server.ts) refuses to start with a bad list; elsewhere no proxy is trusted.
      console.error(`[client-ip] ${(error as Error).message} No proxy is trusted.`);
    }
    cached = { value, ranges };
  }
  return cached.ranges;
}

function isTrusted(ip: string, ranges: Range[]): boolean {
  const address = ipaddr.parse(ip);
  return ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

/** The caller's IP for the audit trail, or null when it cannot be known without trusting the client. */
export function clientIp(headers: Headers, ranges: Range[] = trustedProxies()): string | null {
  if (process.env[PEER_HEADER_ENV] !== "1") return null;
  let client = normalise(headers.get(PEER_HEADER));
  if (!client || !isTrusted(client, ranges)) return client;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").reverse();
  for (const hop of hops) {
    const ip = normalise(hop);
    if (!ip) break; // a malformed entry: stop at the last address we could vouch for
    client = ip;
    if (!isTrusted(ip, ranges)) break;
  }
  return client;
}
