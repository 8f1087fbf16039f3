/** The portal's public URL for snippets: NEXTAUTH_URL when set (behind a proxy), else the request's origin. */
export function publicBaseUrl(requestUrl: string): string {
  const configured = process.env.NEXTAUTH_URL?.trim();
  return (configured || new URL(requestUrl).origin).replace(/\/+$/, "");
}
