import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { createTeam } from "@/test/catalog-factory";
import type { Db } from "@/lib/server/db";
import { FACET_COUNT_LIMIT, type SearchModelsQuery, type SearchModelsResult } from "@/lib/catalog/schemas";

// A database of its own with more matching models than facets are counted for.
let db: Db;
let searchModels: typeof import("@/lib/catalog/search-models").searchModels;
let schema: typeof import("@/lib/catalog/schemas").searchModelsQuerySchema;
const HERD = FACET_COUNT_LIMIT + 100;
const ONNX = 100;

const search = (q: Partial<Record<keyof SearchModelsQuery, string>>) => searchModels({ viewer: { teamIds: [] }, query: schema.parse(q) });
const counts = (r: SearchModelsResult, facet: keyof SearchModelsResult["facets"]) =>
  Object.fromEntries(r.facets[facet].map((f) => [f.value, f.count]));

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  db = (await import("@/lib/server/db")).db;
  searchModels = (await import("@/lib/catalog/search-models")).searchModels;
  schema = (await import("@/lib/catalog/schemas")).searchModelsQuerySchema;
  const team = await createTeam(db, "herders");
  // Half regression, half forecasting; the first ONNX models onnx, the rest pytorch.
  await db.$executeRaw`
    INSERT INTO models (id, "teamId", name, slug, "displayName", summary, task, framework, "updatedAt", "catalogStatuses")
    SELECT gen_random_uuid(), ${team.id}::uuid, 'herd-' || i, 'herders/herd-' || i, 'Herd ' || i, 'Counts reindeer.',
           CASE WHEN i % 2 = 0 THEN 'regression' ELSE 'forecasting' END, CASE WHEN i <= ${ONNX} THEN 'onnx' ELSE 'pytorch' END,
           now() - i * interval '1 minute', ARRAY['approved']::"VersionStatus"[]
      FROM generate_series(1, ${HERD}::int) i`;
});

describe("facet counts of very broad searches", () => {
  it("are not counted above the limit: values are listed without counts, the total and the page stay exact", async () => {
    const broad = await search({ q: "reindeer", sort: "updated" });
    expect(broad.total).toBe(HERD);
    expect(broad.facetsCounted).toBe(false);
    expect(broad.items.map((i) => i.name)).toEqual(Array.from({ length: 20 }, (_, i) => `herd-${i + 1}`));
    expect(counts(broad, "task")).toEqual({ regression: null, forecasting: null });
    expect(
      Object.values(broad.facets)
        .flat()
        .every((f) => f.count === null),
    ).toBe(true);
    const page2 = await search({ q: "reindeer", sort: "updated", page: "2" });
    expect(page2.items[0].name).toBe("herd-21");
  });

  it("are counted again once a filter narrows the search, except for a facet whose other values are still too many", async () => {
    const onnx = await search({ q: "reindeer", framework: "onnx" });
    expect(onnx.total).toBe(ONNX);
    expect(counts(onnx, "task")).toEqual({ regression: ONNX / 2, forecasting: ONNX / 2 });
    // the framework facet would have to count every other match to offer pytorch with its count
    expect(counts(onnx, "framework")).toEqual({ onnx: null, pytorch: null });
    expect(onnx.facetsCounted).toBe(false);

    const narrow = await search({ q: "reindeer", framework: "onnx", task: "regression" });
    expect(narrow.total).toBe(ONNX / 2);
    expect(narrow.facetsCounted).toBe(true);
    expect(counts(narrow, "framework")).toEqual({ onnx: ONNX / 2, pytorch: (HERD - ONNX) / 2 });
    expect(counts(narrow, "task")).toEqual({ regression: ONNX / 2, forecasting: ONNX / 2 });
  });
});
