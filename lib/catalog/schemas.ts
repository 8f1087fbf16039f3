import { z } from "zod";

// The catalog's public contract: the search query string and the shapes it answers with. Types are inferred.

export const CATALOG_SORTS = ["relevance", "most_used", "updated", "name", "stars", "trending"] as const;
/** Statuses that make a model discoverable by everyone (drafts and rejected ones stay with their team). */
export const DISCOVERABLE_STATUSES = ["pending_review", "approved", "deprecated"] as const;
export const FACET_NAMES = ["task", "framework", "tag", "team", "license", "runtime", "visibility", "status", "health"] as const;
export const HEALTH_STATUSES = ["healthy", "warning", "failing", "unknown"] as const;
/**
 * Facets are counted when a search's matches (including those failing just one active filter) are at most
 * this many; above it the values are listed from the first this-many matches without counts ("refine to
 * count"), so a very broad query never pays for counting the whole catalog.
 */
export const FACET_COUNT_LIMIT = 5_000;

// An empty query-string value (`?task=`) means "no filter", as a cleared form field sends it.
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional());

export const searchModelsQuerySchema = z.object({
  q: optionalText(200).describe("Words to search for in names, summaries, tags, tasks and model cards; typos and prefixes are tolerated"),
  task: optionalText(100),
  framework: optionalText(100),
  tag: optionalText(100),
  team: optionalText(100).describe("Owning team slug"),
  license: optionalText(100),
  runtime: optionalEnum(["onnx", "http", "openai"] as const),
  visibility: optionalEnum(["public", "gated"] as const),
  status: optionalEnum(["draft", "pending_review", "approved", "deprecated"] as const).describe("Models with a version in this status"),
  health: optionalEnum(HEALTH_STATUSES).describe("Models with this health status (open alerts; unknown: no calls in 7 days)"),
  sort: optionalEnum(CATALOG_SORTS).describe(
    "Default: relevance with q, most_used without. trending: calls and stars of the last 7 days against the weekly average of the 28 before",
  ),
  page: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(100).default(20)),
});

export type SearchModelsQuery = z.infer<typeof searchModelsQuerySchema>;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
export type FacetName = (typeof FACET_NAMES)[number];

export const catalogItemSchema = z.object({
  id: z.string(),
  slug: z.string().describe("owner/name"),
  owner: z.string(),
  name: z.string(),
  displayName: z.string(),
  summary: z.string(),
  task: z.string(),
  framework: z.string(),
  tags: z.array(z.string()),
  license: z.string().nullable(),
  visibility: z.enum(["public", "gated"]),
  team: z.object({ slug: z.string(), name: z.string() }),
  latestVersion: z.string().nullable().describe("Newest approved version; null while awaiting approval"),
  awaitingApproval: z.boolean(),
  runtimes: z.array(z.string()),
  statuses: z.array(z.string()),
  calls30d: z.number(),
  stars: z.number().describe("People who starred the model"),
  healthStatus: z.enum(HEALTH_STATUSES).describe("failing or warning while an alert is open; unknown without calls in 7 days"),
  updatedAt: z.string(),
});

export const facetValueSchema = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().nullable().describe("Matching models with this value; null when facetsCounted is false"),
});

export const searchModelsResultSchema = z.object({
  items: z.array(catalogItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  sort: z.enum(CATALOG_SORTS),
  facetsCounted: z
    .boolean()
    .describe(
      `false when the search matches more than ${FACET_COUNT_LIMIT.toLocaleString("en-US")} models: facet values are then listed without counts; add words or a filter to count them`,
    ),
  facets: z.object(
    Object.fromEntries(FACET_NAMES.map((f) => [f, z.array(facetValueSchema)])) as Record<FacetName, z.ZodArray<typeof facetValueSchema>>,
  ),
});

export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type FacetValue = z.infer<typeof facetValueSchema>;
export type SearchModelsResult = z.infer<typeof searchModelsResultSchema>;

export const modelPathParamsSchema = z.object({
  owner: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
});

export const reviewSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string(),
  reviewer: z.string(),
  createdAt: z.string(),
});

export const versionDetailSchema = z.object({
  id: z.string(),
  version: z.string(),
  status: z.enum(["draft", "pending_review", "approved", "rejected", "deprecated", "retired"]),
  runtime: z.enum(["onnx", "http", "openai"]),
  httpProtocol: z.enum(["generic", "kserve_v2", "openai"]).nullable(),
  changelog: z.string(),
  inputSchema: z.unknown().nullable(),
  outputSchema: z.unknown().nullable(),
  exampleInput: z.unknown().nullable(),
  costModel: z.unknown(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  deprecatedAt: z.string().nullable(),
  deprecationMessage: z.string().nullable(),
  sunsetAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  reviews: z.array(reviewSchema),
});

export const modelFactsSchema = z.object({
  calls30d: z.number(),
  errorRate: z.number().nullable().describe("errors / calls over the last 30 days"),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  consumingApps: z.number(),
  costPerCallMicros: z.number().nullable(),
});

export const modelDetailSchema = z.object({
  id: z.string(),
  slug: z.string(),
  owner: z.string(),
  name: z.string(),
  displayName: z.string(),
  summary: z.string(),
  card: z.string().describe("Model card, Markdown"),
  task: z.string(),
  framework: z.string(),
  tags: z.array(z.string()),
  license: z.string().nullable(),
  visibility: z.enum(["public", "gated"]),
  riskLevel: z.enum(["low", "medium", "high"]).nullable(),
  intendedUse: z.string(),
  limitations: z.string(),
  valuePerCallMicros: z.number(),
  team: z.object({ slug: z.string(), name: z.string(), contactEmail: z.string().nullable(), businessUnit: z.string() }),
  businessOwner: z.object({ name: z.string(), email: z.string() }).nullable(),
  latestVersion: z.string().nullable(),
  awaitingApproval: z.boolean(),
  healthStatus: z.enum(HEALTH_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(versionDetailSchema).describe("Newest first; drafts and rejected versions only for the owning team"),
  facts: modelFactsSchema,
});

export type VersionDetail = z.infer<typeof versionDetailSchema>;
export type ModelFacts = z.infer<typeof modelFactsSchema>;
export type ModelDetail = z.infer<typeof modelDetailSchema>;
