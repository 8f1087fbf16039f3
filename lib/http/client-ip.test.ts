import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies, PEER_HEADER, PEER_HEADER_ENV } from "@/lib/http/client-ip";

const headers = (h: Record<string, string>) => new Headers(h);
const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

describe("clientIp", () => {
  beforeEach(() => {
    process.env[PEER_HEADER_ENV] = "1";
  });
  afterEach(() => {
    delete process.env[PEER_HEADER_ENV];
  });

  it("is the socket's address, whatever X-Forwarded-For says, when no proxy is trusted", () => {
    expect(clientIp(headers({ [PEER_HEADER]: "203.0.113.9", "x-forwarded-for": "6.6.6.6" }), none)).toBe("203.0.113.9");
    expect(clientIp(headers({ [PEER_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "6.6.6.6" }), none)).toBe("127.0.0.1");
  });

  it("follows X-Forwarded-For from the right through trusted proxies only", () => {
    expect(clientIp(headers({ [PEER_HEADER]: "10.1.1.1", "x-forwarded-for": "198.51.100.7" }), proxies)).toBe("198.51.100.7");
    // the client wrote a fake first entry; the trusted proxy appended the real one
    expect(clientIp(headers({ [PEER_HEADER]: "10.1.1.1", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.2.2.2" }), proxies)).toBe(
      "198.51.100.7",
    );
    // a request straight from an untrusted host cannot claim another address
    expect(clientIp(headers({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "10.9.9.9" }), proxies)).toBe("198.51.100.7");
    // garbage in the chain: the last address vouched for
    expect(clientIp(headers({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "1.2.3.4, <script>" }), proxies)).toBe("127.0.0.1");
    // no header behind a trusted proxy: the proxy
    expect(clientIp(headers({ [PEER_HEADER]: "fd00::5" }), proxies)).toBe("fd00::5");
  });

  it("is null when the server did not vouch for the peer header (next dev) or it is missing", () => {
    delete process.env[PEER_HEADER_ENV];
    expect(clientIp(headers({ [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" }), none)).toBeNull();
    process.env[PEER_HEADER_ENV] = "1";
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), none)).toBeNull();
  });

  it("refuses a malformed trusted-proxy list", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/not an IP/);
  });
});
