// The security headers of every answer: pages get a Content-Security-Policy with a per-request nonce
// (proxy.ts; Next puts the nonce on its own scripts), API answers a policy that lets nothing run. Shared by
// proxy.ts (pages) and the gateway door (gateway/: its own answers and the API answers it forwards from Next).
// Plain code without imports: proxy.ts bundles it.

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** HSTS only where the portal is reached over https (NEXTAUTH_URL): on plain http it would be ignored or lock users out. */
function transportHeaders(publicUrl: string | undefined): Record<string, string> {
  return publicUrl?.trim().toLowerCase().startsWith("https://")
    ? { "strict-transport-security": `max-age=${ONE_YEAR_S}; includeSubDomains` }
    : {};
}

function common(publicUrl: string | undefined): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...transportHeaders(publicUrl),
  };
}

/** API answers are data: nothing in them may run, load or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function apiSecurityHeaders(publicUrl = process.env.NEXTAUTH_URL): Record<string, string> {
  return { ...common(publicUrl), "content-security-policy": API_CSP };
}

/**
 * The pages' policy. Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic':
 * Next's chunks, Monaco). Styles: inline allowed (React style attributes, Monaco, Recharts). Workers: Monaco's,
 * from our own origin or blob:. Images: also https (model cards may show images from company sites).
 */
export function pageCsp(nonce: string, options: { dev?: boolean; publicUrl?: string } = {}): string {
  const https = options.publicUrl?.trim().toLowerCase().startsWith("https://");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function pageSecurityHeaders(nonce: string, options: { dev?: boolean; publicUrl?: string } = {}): Record<string, string> {
  const publicUrl = "publicUrl" in options ? options.publicUrl : process.env.NEXTAUTH_URL;
  return { ...common(publicUrl), "content-security-policy": pageCsp(nonce, { ...options, publicUrl }) };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
