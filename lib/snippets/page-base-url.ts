import "server-only";
import { headers } from "next/headers";
import { publicBaseUrl } from "@/lib/snippets/public-base-url";

/** The portal's public URL for a page being rendered: NEXTAUTH_URL, else the host the page was asked on. */
export async function pageBaseUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return publicBaseUrl(`${h.get("x-forwarded-proto") ?? "http"}://${host}/`);
}
