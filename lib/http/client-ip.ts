/** Header the portal's own server (scripts/server.ts) sets from the socket, replacing any a client sent. */
export const CLIENT_IP_HEADER = "x-modelport-client-ip";

/**
 * The calling client's address, for the audit trail and sign-in throttling. `X-Forwarded-For` is anyone's
 * to write, so it is read only with MODELPORT_TRUST_PROXY=1 (a reverse proxy in front appends the address it
 * saw: the right-most entry); otherwise the socket's address. Null when neither is known (`next dev`).
 */
export function clientIp(headers: { get(name: string): string | null }): string | null {
  if (process.env.MODELPORT_TRUST_PROXY === "1") {
    const hops = headers.get("x-forwarded-for")?.split(",").map((h) => h.trim()).filter(Boolean) ?? [];
    if (hops.length > 0) return hops[hops.length - 1].slice(0, 100);
  }
  return headers.get(CLIENT_IP_HEADER)?.slice(0, 100) || null;
}
