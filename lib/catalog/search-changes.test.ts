import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { createModel, createTeam, uniq } from "@/test/catalog-factory";
import type { Db } from "@/lib/server/db";
import type { SearchModelsQuery } from "@/lib/catalog/schemas";

// A database of its own: every count below is this file's only.
let db: Db;
let searchModels: typeof import("@/lib/catalog/search-models").searchModels;
let schema: typeof import("@/lib/catalog/schemas").searchModelsQuerySchema;
let labTeam: { id: string; slug: string };
let otherTeam: { id: string; slug: string };

const search = (q: Partial<Record<keyof SearchModelsQuery, string>>, teamIds: string[] = []) =>
  searchModels({ viewer: { teamIds }, query: schema.parse({ pageSize: "100", ...q }) });
const names = async (q: Partial<Record<keyof SearchModelsQuery, string>>, teamIds: string[] = []) =>
  (await search(q, teamIds)).items.map((i) => i.name).sort();

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  db = (await import("@/lib/server/db")).db;
  searchModels = (await import("@/lib/catalog/search-models")).searchModels;
  schema = (await import("@/lib/catalog/schemas")).searchModelsQuerySchema;
  labTeam = await createTeam(db, `lab-${uniq()}`);
  otherTeam = await createTeam(db, `other-${uniq()}`);
  await createModel(db, { teamId: labTeam.id, name: "walrus-counter", summary: "Counts walruses on ice floes.", task: "object-detection" });
  await createModel(db, { teamId: otherTeam.id, name: "penguin-census", summary: "Counts penguins.", task: "object-detection" });
});

describe("catalog search after catalog changes", () => {
  it("sees a new, an edited, a hidden, a re-scoped and a deleted model on the very next search", async () => {
    expect(await names({ q: "walrus" })).toEqual(["walrus-counter"]);

    const seal = await createModel(db, {
      teamId: labTeam.id,
      name: "seal-spotter",
      summary: "Spots seals on beaches.",
      task: "object-detection",
      tags: ["marine"],
      versions: [{ status: "pending_review" }],
    });
    expect(await names({ q: "beaches" })).toEqual(["seal-spotter"]);
    expect(await names({ q: "spoter" })).toEqual(["seal-spotter"]); // a typo of a word only the new model brought

    // An edit: the new words match, the old ones no longer do, facets follow.
    await db.model.update({
      where: { id: seal.id },
      data: { summary: "Spots sea lions.", tags: ["pinnipeds"], task: "image-classification" },
    });
    expect(await names({ q: "lions" })).toEqual(["seal-spotter"]);
    expect(await names({ q: "beaches" })).toEqual([]);
    const facets = (await search({ q: "spots" })).facets;
    expect(facets.tag.map((t) => t.value)).toEqual(["pinnipeds"]);
    expect(facets.task.map((t) => t.value)).toEqual(["image-classification"]);

    // Its only version (in review) is rejected: outsiders lose it, its own team keeps it.
    expect((await search({ q: "lions" })).items[0]?.statuses).toEqual(["pending_review"]);
    await db.modelVersion.updateMany({ where: { modelId: seal.id }, data: { status: "rejected" } });
    expect(await names({ q: "lions" })).toEqual([]);
    expect(await names({ q: "lions" }, [otherTeam.id])).toEqual([]);
    expect(await names({ q: "lions" }, [labTeam.id])).toEqual(["seal-spotter"]);

    // Moved to the other team: now that team's draft.
    await db.model.update({ where: { id: seal.id }, data: { teamId: otherTeam.id } });
    expect(await names({ q: "lions" }, [labTeam.id])).toEqual([]);
    const moved = await search({ q: "lions" }, [otherTeam.id]);
    expect(moved.items.map((i) => [i.name, i.team.slug])).toEqual([["seal-spotter", otherTeam.slug]]);

    // Gated, then deleted.
    await db.model.update({ where: { id: seal.id }, data: { visibility: "gated" } });
    expect((await search({ visibility: "gated" }, [otherTeam.id])).items.map((i) => i.name)).toEqual(["seal-spotter"]);
    await db.modelVersion.deleteMany({ where: { modelId: seal.id } });
    await db.model.delete({ where: { id: seal.id } });
    expect(await names({ q: "lions" }, [otherTeam.id])).toEqual([]);
    expect((await search({})).total).toBe(2);
  });

  it("finds models written in bulk by one statement, and edits made after them", async () => {
    await db.$executeRawUnsafe(`
      INSERT INTO models (id, "teamId", name, slug, "displayName", summary, task, framework, "updatedAt", "catalogStatuses")
      SELECT gen_random_uuid(), '${labTeam.id}', 'bulk-narwhal-' || i, '${labTeam.slug}/bulk-narwhal-' || i, 'Bulk narwhal ' || i,
             'Tracks narwhals.', 'regression', 'onnx', now(), ARRAY['approved']::"VersionStatus"[]
        FROM generate_series(1, 1001) i`);
    const result = await search({ q: "narwhals", sort: "name", pageSize: "3" });
    expect(result.total).toBe(1001);
    expect(result.items.map((i) => i.name)).toEqual(["bulk-narwhal-1", "bulk-narwhal-10", "bulk-narwhal-100"]);
    await db.model.updateMany({ where: { name: "bulk-narwhal-7" }, data: { summary: "Tracks belugas." } });
    expect(await names({ q: "belugas" })).toEqual(["bulk-narwhal-7"]);
    expect(await names({ q: "narwhal belugas" })).toEqual(["bulk-narwhal-7"]);
  });

  it("pages through the relevance ranking without gaps or overlap, tier by tier", async () => {
    const team = await createTeam(db, `otter-${uniq()}`);
    await createModel(db, { teamId: team.id, name: "otter", summary: "Exact name." });
    for (let i = 0; i < 3; i++) await createModel(db, { teamId: team.id, name: `otter-tracker-${i}`, summary: "Name match." });
    for (let i = 0; i < 3; i++) await createModel(db, { teamId: team.id, name: `river-survey-${i}`, summary: "Counts otters." });
    for (let i = 0; i < 3; i++) await createModel(db, { teamId: team.id, name: `fish-survey-${i}`, card: "Sometimes an otter." });
    const whole = (await search({ q: "otter" })).items.map((i) => i.name);
    expect(whole).toHaveLength(10);
    expect(whole[0]).toBe("otter");
    expect(whole.slice(1, 4).every((n) => n.startsWith("otter-tracker"))).toBe(true);
    expect(whole.slice(4, 7).every((n) => n.startsWith("river-survey"))).toBe(true);
    for (const pageSize of ["1", "3", "4"]) {
      const pages = [];
      for (let page = 1; page <= Math.ceil(10 / Number(pageSize)) + 1; page++)
        pages.push(...(await search({ q: "otter", pageSize, page: String(page) })).items.map((i) => i.name));
      expect(pages).toEqual(whole);
    }
  });

  it("drops stop words as PostgreSQL does, so 'the walrus' finds what 'walrus' finds", async () => {
    expect(await names({ q: "the walrus" })).toEqual(await names({ q: "walrus" }));
    expect((await search({ q: "the" })).total).toBe(0);
  });
});
