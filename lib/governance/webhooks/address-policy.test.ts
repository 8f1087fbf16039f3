import { describe, expect, it } from "vitest";
import { isAllowListed, isForbiddenAddress } from "@/lib/governance/webhooks/address-policy";

describe("outbound address policy", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "not-an-ip"])(
    "%s is internal", (a) => expect(isForbiddenAddress(a)).toBe(true),
  );
  it.each(["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (a) => expect(isForbiddenAddress(a)).toBe(false));
  it("allow-list entries match by host, exact address or CIDR", () => {
    expect(isAllowListed("hooks.internal", "10.0.0.5", ["hooks.internal"])).toBe(true);
    expect(isAllowListed("x", "10.0.0.5", ["10.0.0.0/24"])).toBe(true);
    expect(isAllowListed("x", "10.0.1.5", ["10.0.0.0/24"])).toBe(false);
    expect(isAllowListed("x", "::ffff:10.0.0.5", ["10.0.0.5/32"])).toBe(true);
    expect(isAllowListed("evil.example", "127.0.0.1", ["hooks.internal", "10.0.0.0/8"])).toBe(false);
  });
});
