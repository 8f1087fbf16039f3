import ipaddr from "ipaddr.js";
import { isIP } from "node:net";

// Addresses an outbound call may never reach unless an admin allow-lists them. ipaddr.js classifies every
// address into its IANA special-purpose range; only plain global unicast passes. IPv4-mapped addresses are
// judged as the IPv4 they carry (ipaddr.process), and so are the two translation forms whose embedded IPv4
// is well defined (NAT64's well-known 64:ff9b::/96 and 6to4's 2002::/16). Everything else that is not
// global unicast is refused: loopback, private, link-local (cloud metadata 169.254.169.254 /
// fd00:ec2::254), CGNAT, unspecified, multicast, documentation and reserved ranges, IPv4-translated
// ::ffff:0:0/96, local-use NAT64 64:ff9b:1::/48, Teredo and the deprecated IPv4-compatible ::/96.
type Address = ipaddr.IPv4 | ipaddr.IPv6;

const WELL_KNOWN_NAT64 = ipaddr.parseCIDR("64:ff9b::/96") as [ipaddr.IPv6, number];
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96") as [ipaddr.IPv6, number];

/** The address as ipaddr.js sees it (IPv4-mapped IPv6 unwrapped, zone index kept aside), or null. */
function parse(ip: string): Address | null {
  if (!isIP(ip)) return null; // node's strict grammar: no "127.1" or octal shorthands
  try {
    return ipaddr.process(ip);
  } catch {
    return null;
  }
}

/** The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address leads to, if any. */
function embeddedIPv4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== "ipv6") return null;
  const v6 = address as ipaddr.IPv6;
  const b = v6.toByteArray();
  if (v6.match(WELL_KNOWN_NAT64)) return new ipaddr.IPv4(b.slice(12, 16));
  if (v6.range() === "6to4") return new ipaddr.IPv4(b.slice(2, 6));
  return null;
}

function isGlobalUnicast(address: Address): boolean {
  const inner = embeddedIPv4(address);
  if (inner) return inner.range() === "unicast";
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return false;
  return address.range() === "unicast";
}

// Verdicts are pure functions of the address text, and the gateway asks about the same few model-server
// addresses on every call: remembered, bounded.
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
  return remember(forbiddenVerdicts, ip, (text) => {
    const address = parse(text);
    return address === null || !isGlobalUnicast(address); // not an IP at all: refuse rather than guess
  });
}

/** An admin allow-list: exact host names plus IP addresses / CIDR ranges (egress_rules.pattern). */
export class EgressAllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: [Address, number][] = [];
  private readonly verdicts = new Map<string, boolean>();

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      const pattern = raw.trim().toLowerCase();
      const range = parseRange(pattern);
      if (range) this.ranges.push(range);
      else if (pattern && !pattern.includes("/")) this.hosts.add(pattern.replace(/\.$/, ""));
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase().replace(/\.$/, ""));
  }

  /** Whether the address (or the IPv4 address it maps or translates to) is in an allow-listed range. */
  allowsAddress(ip: string): boolean {
    return remember(this.verdicts, ip, (text) => {
      const address = parse(text);
      if (!address) return false;
      const inner = embeddedIPv4(address);
      return this.ranges.some((range) => inRange(address, range) || (inner !== null && inRange(inner, range)));
    });
  }
}

function inRange(address: Address, [network, bits]: [Address, number]): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

/** An IP address (as a /32 or /128) or a CIDR range, with IPv4-mapped IPv6 unwrapped; null otherwise. */
function parseRange(pattern: string): [Address, number] | null {
  const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
  const ip = cidr ? cidr[1] : pattern;
  const address = parse(ip);
  if (!address) return null;
  const raw = ipaddr.parse(ip);
  const max = raw.kind() === "ipv4" ? 32 : 128;
  const bits = cidr ? Number(cidr[2]) : max;
  if (bits > max) return null;
  // ::ffff:10.0.0.0/104 means 10.0.0.0/8.
  if (raw.kind() === "ipv6" && address.kind() === "ipv4") return bits >= 96 ? [address, bits - 96] : null;
  return [address, bits];
}

/** Whether an egress_rules pattern is well formed (host name, IP address or CIDR range). */
export function isValidEgressPattern(pattern: string): boolean {
  if (pattern.includes("/")) return parseRange(pattern) !== null;
  if (isIP(pattern)) return true;
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(pattern);
}
