import { openApiDocument } from "@/lib/openapi/document";
import { json } from "@/lib/http/respond";

// GET /api/openapi.json — the OpenAPI 3.1 document of every /api/v1 route.
export function GET() {
  return json(openApiDocument());
}
