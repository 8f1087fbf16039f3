import { BlockList, isIP } from "node:net";

// Addresses an outbound call may never reach unless an admin allow-lists them: loopback, private,
// link-local (incl. cloud metadata 169.254.169.254 / fd00:ec2::254), CGNAT, unspecified, multicast and
// reserved ranges, in IPv4 and IPv6. IPv4-mapped / NAT64 / 6to4 IPv6 forms are unwrapped and judged as IPv4.
const FORBIDDEN_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
const FORBIDDEN_V6: [string, number][] = [
  ["::", 128], ["::1", 128], ["fe80::", 10], ["fc00::", 7], ["fec0::", 10], ["ff00::", 8], ["100::", 64], ["2001:db8::", 32],
];

const forbidden = new BlockList();
for (const [net, prefix] of FORBIDDEN_V4) forbidden.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of FORBIDDEN_V6) forbidden.addSubnet(net, prefix, "ipv6");

function expandV6(ip: string): number[] | null {
  let text = ip.toLowerCase().split("%")[0];
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail[1].split(".").map(Number);
    text = text.slice(0, -v4Tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (tail === undefined && missing !== 0) return null;
  const parts = [...headParts, ...new Array<string>(Math.max(0, missing)).fill("0"), ...tailParts].map((p) => parseInt(p, 16));
  return parts.length === 8 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 0xffff) ? parts : null;
}

/** The IPv4 address embedded in an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, if any. */
export function embeddedIPv4(ip: string): string | null {
  const p = expandV6(ip);
  if (!p) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (n: number) => p.slice(0, n).every((x) => x === 0);
  if (zeros(5) && p[5] === 0xffff) return v4(p[6], p[7]); // ::ffff:a.b.c.d
  if (zeros(6) && (p[6] !== 0 || p[7] > 1)) return v4(p[6], p[7]); // ::a.b.c.d (deprecated compatible form)
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0)) return v4(p[6], p[7]); // NAT64
  if (p[0] === 0x2002) return v4(p[1], p[2]); // 6to4
  return null;
}

// Verdicts are pure functions of the address text, and the gateway asks about the same few model-server
// addresses on every call (a BlockList check allocates a SocketAddress each time): remembered, bounded.
const MAX_VERDICTS = 1000;
function remember(cache: Map<string, boolean>, ip: string, judge: (ip: string) => boolean): boolean {
  let verdict = cache.get(ip);
  if (verdict === undefined) {
    verdict = judge(ip);
    if (cache.size >= MAX_VERDICTS) cache.delete(cache.keys().next().value!);
    cache.set(ip, verdict);
  }
  return verdict;
}
const forbiddenVerdicts = new Map<string, boolean>();

/** True when the address is one an outbound call must not reach without an allow-list entry. */
export function isForbiddenAddress(ip: string): boolean {
  return remember(forbiddenVerdicts, ip, judgeForbidden);
}

function judgeForbidden(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return forbidden.check(ip, "ipv4");
  if (family === 6) {
    const inner = embeddedIPv4(ip);
    if (inner) return forbidden.check(inner, "ipv4");
    return forbidden.check(ip.split("%")[0], "ipv6");
  }
  return true; // not an IP at all: refuse rather than guess
}

/** An admin allow-list: exact host names plus IP addresses / CIDR ranges (egress_rules.pattern). */
export class EgressAllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges = new BlockList();

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const pattern = raw.trim().toLowerCase();
      const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
      if (cidr && isIP(cidr[1])) this.ranges.addSubnet(cidr[1], Number(cidr[2]), isIP(cidr[1]) === 4 ? "ipv4" : "ipv6");
      else if (isIP(pattern)) this.ranges.addAddress(pattern, isIP(pattern) === 4 ? "ipv4" : "ipv6");
      else if (pattern) this.hosts.add(pattern.replace(/\.$/, ""));
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase().replace(/\.$/, ""));
  }

  private readonly verdicts = new Map<string, boolean>();

  allowsAddress(ip: string): boolean {
    return remember(this.verdicts, ip, (address) => this.judgeAddress(address));
  }

  private judgeAddress(ip: string): boolean {
    const family = isIP(ip);
    if (family === 4) return this.ranges.check(ip, "ipv4");
    if (family === 6) {
      const inner = embeddedIPv4(ip);
      return this.ranges.check(ip.split("%")[0], "ipv6") || (inner !== null && this.ranges.check(inner, "ipv4"));
    }
    return false;
  }
}

/** Whether an egress_rules pattern is well formed (host name, IP address or CIDR range). */
export function isValidEgressPattern(pattern: string): boolean {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
  if (cidr) return isIP(cidr[1]) !== 0 && Number(cidr[2]) <= (isIP(cidr[1]) === 4 ? 32 : 128);
  if (isIP(pattern)) return true;
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(pattern);
}
