import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";
import { liveSessionUser } from "@/lib/auth/sessions";

/**
 * next-auth's `GET /api/auth/session` only decodes the cookie; an ended session must not be described there
 * either (a copied cookie learns nothing after sign-out). Answers what next-auth answers without a session.
 */
export async function withLiveSession(req: NextRequest, segments: string[], run: () => Promise<Response>): Promise<Response> {
  if (req.method !== "GET" || segments.join("/") !== "session") return run();
  const token = await getToken({ req, secret: authOptions().secret });
  if (token && !(await liveSessionUser(token))) return Response.json({}, { headers: { "cache-control": "no-store" } });
  return run();
}
