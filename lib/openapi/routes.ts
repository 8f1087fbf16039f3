// Loads every domain's OpenAPI entries. Add one import per lib/<domain>/openapi.ts.
import "@/lib/health/openapi";
import "@/lib/usage/openapi";
