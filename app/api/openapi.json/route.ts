import { apiDocument } from "@/app/api/openapi-document";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

// GET /api/openapi.json — the OpenAPI 3.1 document of every /api/v1 route.
export function GET() {
  return json(apiDocument());
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
