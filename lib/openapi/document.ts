import { z } from "zod";
import { keyScopeFor } from "@/lib/auth/permissions";
import {
  errorSchema,
  RESPONSE_HEADERS,
  type HttpMethod,
  type ResponseHeader,
  type ResponseSpec,
  type RouteSpec,
} from "@/lib/openapi/registry";

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request",
  401: "No or invalid credentials",
  403: "Not allowed",
  404: "Not found",
  409: "Conflict",
  410: "Retired",
  413: "Too large",
  422: "Invalid against the schema",
  429: "Rate limited",
  502: "Upstream error",
  503: "Upstream unavailable",
  504: "Upstream timeout",
};

function schemaOf(type: z.ZodType): JsonSchema {
  return simplify(z.toJSONSchema(type, { target: "draft-2020-12", unrepresentable: "any", io: "input" })) as JsonSchema;
}

const isAnything = (s: unknown) =>
  s === true || (typeof s === "object" && s !== null && !Array.isArray(s) && Object.keys(s).every((k) => k === "description"));

/** zod writes `z.unknown().nullable()` as `anyOf: [{}, {type: "null"}]`: an alternative that accepts anything makes the whole anyOf mean "any value", so say that. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = simplify(value);
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(out[key]) && (out[key] as unknown[]).some(isAnything)) delete out[key];
  }
  return out;
}

const JSON_TYPE = "application/json";
const METHOD_ORDER: readonly HttpMethod[] = ["get", "post", "put", "patch", "delete"];
const errorContent = { [JSON_TYPE]: { schema: { $ref: "#/components/schemas/Error" } } };

/** A request or response body per media type; multipart file parts get their content type in `encoding`. */
function content(bodies: Record<string, z.ZodType>) {
  return Object.fromEntries(
    Object.entries(bodies).map(([type, zod]) => {
      const schema = schemaOf(zod);
      const files = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).filter(
        ([, p]) => typeof p.contentMediaType === "string",
      );
      const encoding =
        type.startsWith("multipart/") && files.length
          ? { encoding: Object.fromEntries(files.map(([name, p]) => [name, { contentType: p.contentMediaType }])) }
          : {};
      return [type, { schema, ...encoding }];
    }),
  );
}

function headerRefs(names: ResponseHeader[], used: Set<ResponseHeader>) {
  if (names.length === 0) return {};
  for (const name of names) used.add(name);
  return { headers: Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }])) };
}

function parameters(spec: RouteSpec) {
  const out: JsonSchema[] = [];
  for (const [where, obj] of [
    ["path", spec.params],
    ["query", spec.query],
  ] as const) {
    if (!obj) continue;
    const json = schemaOf(obj) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema });
    }
  }
  return out;
}

function response(spec: RouteSpec, status: number, r: ResponseSpec, used: Set<ResponseHeader>) {
  const headers: ResponseHeader[] = [
    ...(spec.path.startsWith("/api/v1/") || spec.path.startsWith("/v1/") ? (["X-Request-Id"] as const) : []),
    ...(r.headers ?? []),
    ...(status === 429 && !r.headers?.includes("Retry-After") ? (["Retry-After"] as const) : []),
  ];
  const bodies = { ...(r.schema ? { [r.contentType ?? JSON_TYPE]: r.schema } : {}), ...r.otherContent };
  // Every error answer has the public error shape, also where a route only describes it.
  const body = Object.keys(bodies).length ? content(bodies) : status >= 400 ? errorContent : null;
  return { description: r.description, ...headerRefs(headers, used), ...(body ? { content: body } : {}) };
}

/** Who may call, from the route's permission: sessions unless public, keys when a scope carries it, anyone when anonymous. */
function security(spec: RouteSpec) {
  if (spec.permission === "public") return [];
  const scope = keyScopeFor(spec.permission);
  return [{ session: [] }, ...(scope ? [{ apiKey: [scope] }] : []), ...(spec.anonymous ? [{}] : [])];
}

function operation(spec: RouteSpec, used: Set<ResponseHeader>) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(spec.responses)) responses[status] = response(spec, Number(status), r, used);
  for (const status of [400, 401, 403, 404, 429]) {
    if (!responses[status] && (status !== 401 || (spec.permission !== "public" && !spec.anonymous))) {
      responses[status] = response(spec, status, { description: ERROR_DESCRIPTIONS[status] }, used);
    }
  }
  return {
    summary: spec.summary,
    tags: spec.tags,
    operationId: `${spec.method}${spec.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    parameters: parameters(spec),
    ...(spec.body || spec.requestBodies
      ? { requestBody: { required: true, content: content({ ...(spec.body ? { [JSON_TYPE]: spec.body } : {}), ...spec.requestBodies }) } }
      : {}),
    responses,
    security: security(spec),
  };
}

/**
 * The OpenAPI 3.1 document for these routes — the entries the route files registered when loaded
 * (app/api/openapi-document.ts loads every one of them).
 */
export function openApiDocument(routes: readonly RouteSpec[], serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  const used = new Set<ResponseHeader>();
  // By path, then in the order a reader expects the methods (the order route files are loaded in does not matter).
  const sorted = [...routes].sort(
    (a, b) => a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
  );
  for (const spec of sorted) (paths[spec.path] ??= {})[spec.method] = operation(spec, used);
  return {
    openapi: "3.1.0",
    info: {
      title: "Modelport API",
      version: "1.0.0",
      description: 'Errors are always {"error": {"code", "message", "requestId"}}. Money is in integer micro-units.',
      // The API of a portal an organisation runs for itself: no open licence (an SPDX LicenseRef for "its own terms").
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: schemaOf(errorSchema) },
      headers: Object.fromEntries(Object.entries(RESPONSE_HEADERS).filter(([name]) => used.has(name as ResponseHeader))),
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An app's API key: Authorization: Bearer mp_…" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session (sign in on /signin)." },
      },
    },
  };
}
