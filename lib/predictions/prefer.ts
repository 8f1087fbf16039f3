/** Does a `Prefer` header (RFC 7240) ask for an async answer (`respond-async`)? */
export function prefersAsync(prefer: string | string[] | null | undefined): boolean {
  if (!prefer) return false;
  const text = Array.isArray(prefer) ? prefer.join(",") : prefer;
  return text.split(",").some((p) => p.split(";")[0].trim().toLowerCase() === "respond-async");
}
