import { BlockList, isIP } from "node:net";

// Addresses an outbound call must not reach unless an admin allow-listed them (egress_rules): loopback,
// private, link-local (cloud metadata), CGNAT, multicast and other special ranges. Mirrors the gateway's rule.

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) blocked.addSubnet(net, prefix, "ipv6");

function mappedV4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : null;
}

export function isForbiddenAddress(address: string): boolean {
  const v4 = mappedV4(address);
  if (v4) return blocked.check(v4, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** An allow-list entry matches a host name exactly, an IP exactly, or an IP inside a CIDR range. */
export function isAllowListed(host: string, address: string, patterns: string[]): boolean {
  const h = host.toLowerCase();
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if (p === h || p === address) return true;
    const [net, bits] = p.split("/");
    const family = isIP(net);
    if (bits && family) {
      const list = new BlockList();
      try {
        list.addSubnet(net, Number(bits), family === 4 ? "ipv4" : "ipv6");
      } catch {
        continue;
      }
      const target = mappedV4(address) ?? address;
      const tf = isIP(target);
      if (tf && list.check(target, tf === 4 ? "ipv4" : "ipv6")) return true;
    }
  }
  return false;
}
