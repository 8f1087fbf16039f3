import { z } from "zod";
import { errorSchema, registeredRoutes, type RouteSpec } from "@/lib/openapi/registry";
import "@/lib/openapi/routes";

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request", 401: "No or invalid credentials", 403: "Not allowed", 404: "Not found", 409: "Conflict",
  410: "Retired", 413: "Too large", 422: "Invalid against the schema", 429: "Rate limited", 502: "Upstream error",
  503: "Upstream unavailable", 504: "Upstream timeout",
};

function schemaOf(type: z.ZodType): JsonSchema {
  return z.toJSONSchema(type, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as JsonSchema;
}

function parameters(spec: RouteSpec) {
  const out: JsonSchema[] = [];
  for (const [where, obj] of [["path", spec.params], ["query", spec.query]] as const) {
    if (!obj) continue;
    const json = schemaOf(obj) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema });
    }
  }
  return out;
}

function operation(spec: RouteSpec) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[status] = r.schema
      ? { description: r.description, content: { [r.contentType ?? "application/json"]: { schema: schemaOf(r.schema) } } }
      : { description: r.description };
  }
  for (const status of [400, 401, 403, 404, 429]) {
    if (!responses[status] && (status !== 401 || (spec.auth.length && !spec.anonymous))) {
      responses[status] = { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
  }
  return {
    summary: spec.summary,
    tags: spec.tags,
    operationId: `${spec.method}${spec.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    parameters: parameters(spec),
    ...(spec.body
      ? { requestBody: { required: true, content: { [spec.bodyContentType ?? "application/json"]: { schema: schemaOf(spec.body) } } } }
      : {}),
    responses,
    security:
      spec.auth.length === 0
        ? []
        : [...spec.auth.map((a) => (a === "apiKey" ? { apiKey: spec.scope ? [spec.scope] : [] } : { session: [] })), ...(spec.anonymous ? [{}] : [])],
  };
}

/** The OpenAPI 3.1 document for every registered /api/v1 route. */
export function openApiDocument(serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of registeredRoutes()) (paths[spec.path] ??= {})[spec.method] = operation(spec);
  return {
    openapi: "3.1.0",
    info: {
      title: "Modelport API",
      version: "1.0.0",
      description: 'Errors are always {"error": {"code", "message", "requestId"}}. Money is in integer micro-units.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: schemaOf(errorSchema) },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An app's API key: Authorization: Bearer mp_…" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session (sign in on /signin)." },
      },
    },
  };
}
