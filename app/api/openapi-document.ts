// The route files the OpenAPI document covers. Loading a route file registers its entry (defineRoute), so
// this list is what the document sees: add a line for every new documented route file —
// lib/openapi/document.test.ts fails when a route file under app/api is missing here.
import "@/app/api/health/route";
import "@/app/api/v1/apps/[app]/keys/[keyId]/route";
import "@/app/api/v1/apps/[app]/keys/route";
import "@/app/api/v1/apps/[app]/route";
import "@/app/api/v1/apps/[app]/usage/route";
import "@/app/api/v1/apps/route";
import "@/app/api/v1/audit/route";
import "@/app/api/v1/budgets/[id]/route";
import "@/app/api/v1/budgets/route";
import "@/app/api/v1/chargeback/route";
import "@/app/api/v1/feedback/route";
import "@/app/api/v1/collections/[id]/items/route";
import "@/app/api/v1/collections/[id]/route";
import "@/app/api/v1/collections/route";
import "@/app/api/v1/models/[owner]/[name]/access-requests/[id]/decision/route";
import "@/app/api/v1/models/[owner]/[name]/access-requests/route";
import "@/app/api/v1/models/[owner]/[name]/canary/route";
import "@/app/api/v1/models/[owner]/[name]/alerts/route";
import "@/app/api/v1/models/[owner]/[name]/invoke/route";
import "@/app/api/v1/models/[owner]/[name]/route";
import "@/app/api/v1/models/[owner]/[name]/shadow/route";
import "@/app/api/v1/models/[owner]/[name]/snippets/route";
import "@/app/api/v1/models/[owner]/[name]/star/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/capture-settings/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/captures/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/comments/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/deprecate/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/health/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/golden-tests/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/golden-tests/run/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/invoke/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/reference/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/health-settings/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/quality/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/review/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/route";
import "@/app/api/v1/models/[owner]/[name]/versions/[version]/submit/route";
import "@/app/api/v1/models/[owner]/[name]/versions/route";
import "@/app/api/v1/models/route";
import "@/app/api/v1/notifications/read/route";
import "@/app/api/v1/predictions/[id]/cancel/route";
import "@/app/api/v1/predictions/[id]/route";
import "@/app/api/v1/predictions/route";
import "@/app/api/v1/notifications/route";
import "@/app/api/v1/onnx/inspect/route";
import "@/app/api/v1/roi/route";
import "@/app/api/v1/usage/route";
import "@/app/metrics/route";
import "@/app/v1/chat/completions/route";
import "@/app/v1/embeddings/route";
import "@/app/v1/models/route";
import "@/app/oip/[owner]/v2/health/ready/route";
import "@/app/oip/[owner]/v2/models/[name]/infer/route";
import "@/app/oip/[owner]/v2/models/[name]/ready/route";
import "@/app/oip/[owner]/v2/models/[name]/route";
import "@/app/oip/[owner]/v2/models/[name]/versions/[version]/infer/route";
import "@/app/oip/[owner]/v2/models/[name]/versions/[version]/ready/route";
import "@/app/oip/[owner]/v2/models/[name]/versions/[version]/route";
import { openApiDocument } from "@/lib/openapi/document";
import { registeredRoutes } from "@/lib/openapi/registry";

/** The OpenAPI 3.1 document of every documented API route (served at /api/openapi.json, rendered at /docs/api). */
export function apiDocument(serverUrl?: string) {
  return openApiDocument(registeredRoutes(), serverUrl);
}
