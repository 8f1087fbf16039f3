// Loads every domain's OpenAPI entries. Add one import per lib/<domain>/openapi.ts.
import "@/lib/health/openapi";
import "@/lib/publishing/openapi";
import "@/lib/apps/openapi";
import "@/lib/snippets/openapi";
import "@/lib/gateway/openapi";
import "@/lib/governance/openapi";
import "@/lib/catalog/openapi";
import "@/lib/usage/openapi";
import "@/lib/notifications/openapi";
