import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { errorParts } from "@/lib/http/respond";

/**
 * Answers an API request whose path has malformed percent-encoding (`/api/v1/models/%E0%A4%A/x`) with 400 in
 * the public error shape; Next.js itself fails such paths with a bare 500 before any route code runs.
 * Used by the gateway door (gateway/server.ts) in front of Next. Returns true when it answered.
 */
export function rejectMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (!url.startsWith("/api/")) return false; // pages: Next answers its 404 page
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return false;
  } catch {
    const error = new AppError("bad_request", "The request path is not valid percent-encoded UTF-8 (e.g. a cut-off %E0%A4%A).");
    const { status, headers, body } = errorParts(error, newRequestId());
    res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
    return true;
  }
}
