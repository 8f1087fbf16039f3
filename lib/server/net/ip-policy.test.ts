import { describe, expect, it } from "vitest";
import { EgressAllowList, isForbiddenAddress, isValidEgressPattern } from "@/lib/server/net/ip-policy";

describe("isForbiddenAddress", () => {
  it.each([
    // IPv4 special-purpose ranges
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "192.0.0.1",
    "192.0.2.1",
    "198.18.0.1",
    "198.51.100.1",
    "203.0.113.1",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    // IPv6 special-purpose ranges
    "::1",
    "::",
    "fe80::1",
    "fe80::1%lo",
    "fd00:ec2::254",
    "fc00::1",
    "fec0::1",
    "ff02::1",
    "100::1",
    "2001:db8::1",
    // IPv4 loopback / metadata / private wrapped in IPv6 in every notation
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:7f00:1",
    "::ffff:127.0.0.1%eth0",
    "::ffff:a9fe:a9fe",
    "::ffff:10.0.0.1",
    "::127.0.0.1",
    "::7f00:1",
    "::a9fe:a9fe", // IPv4-compatible (deprecated)
    "::ffff:0:127.0.0.1",
    "::ffff:0:7f00:1", // IPv4-translated (SIIT)
    "64:ff9b::7f00:1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::a00:1", // NAT64 well-known prefix
    "64:ff9b:1::7f00:1",
    "64:ff9b:1:7f00:1::", // NAT64 local-use prefix
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2002:c0a8:101::", // 6to4
    "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo
    // not an IP at all
    "localhost",
    "127.1",
    "0x7f.0.0.1",
    "",
  ])("refuses %s", (ip) => expect(isForbiddenAddress(ip)).toBe(true));

  it.each(["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])(
    "lets %s through",
    (ip) => expect(isForbiddenAddress(ip)).toBe(false),
  );
});

describe("EgressAllowList", () => {
  it("allows listed addresses, ranges and host names, in any notation of the same address", () => {
    const list = new EgressAllowList(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "models.internal", "::ffff:192.168.1.0/120"]);
    for (const ip of ["127.0.0.1", "::ffff:127.0.0.1", "::ffff:7f00:1", "10.9.8.7", "64:ff9b::a09:807", "fd12::1", "192.168.1.77"]) {
      expect(list.allowsAddress(ip), ip).toBe(true);
    }
    for (const ip of ["127.0.0.2", "11.0.0.1", "fe80::1", "192.168.2.1", "not-an-ip"]) expect(list.allowsAddress(ip), ip).toBe(false);
    expect(list.allowsHost("Models.Internal.")).toBe(true);
    expect(list.allowsHost("other.internal")).toBe(false);
  });

  it("validates patterns", () => {
    for (const ok of ["10.0.0.0/8", "127.0.0.1", "fd00::/8", "::1", "models.internal", "a-b.example.com."])
      expect(isValidEgressPattern(ok), ok).toBe(true);
    for (const bad of ["10.0.0.0/40", "fd00::/129", "http://x/", "10.0.0/8", "-bad.example", "a b"])
      expect(isValidEgressPattern(bad), bad).toBe(false);
  });
});
