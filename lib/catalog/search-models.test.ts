import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import { createKey, createModel, createTeam, uniq } from "@/test/catalog-factory";
import type { Db } from "@/lib/server/db";
import type { SearchModelsQuery } from "@/lib/catalog/schemas";

// A database of its own, so every count below is exact.
let db: Db;
let searchModels: typeof import("@/lib/catalog/search-models").searchModels;
let schema: typeof import("@/lib/catalog/schemas").searchModelsQuerySchema;
const teams: Record<string, string> = {};

const search = (q: Partial<Record<keyof SearchModelsQuery, string>>, teamIds: string[] = []) =>
  searchModels({ viewer: { teamIds }, query: schema.parse(q) });

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  db = (await import("@/lib/server/db")).db;
  searchModels = (await import("@/lib/catalog/search-models")).searchModels;
  schema = (await import("@/lib/catalog/schemas")).searchModelsQuerySchema;
  for (const t of ["vision", "nlp", "lab"]) teams[t] = (await createTeam(db, t)).id;

  await createModel(db, {
    teamId: teams.vision,
    name: "iris-classifier",
    displayName: "Iris Classifier",
    summary: "Predicts the species of a flower from its measurements.",
    task: "tabular-classification",
    framework: "sklearn",
    tags: ["flowers", "tabular"],
    license: "MIT",
    versions: [{ status: "approved" }],
  });
  await createModel(db, {
    teamId: teams.vision,
    name: "garden-helper",
    displayName: "Garden Helper",
    summary: "Answers gardening questions.",
    card: "Knows the iris, the iris germanica, the iris sibirica and every other iris. Iris iris iris.",
    task: "text-generation",
    framework: "pytorch",
    tags: ["flowers"],
    license: "Apache-2.0",
    versions: [{ status: "approved", runtime: "http" }],
  });
  await createModel(db, {
    teamId: teams.nlp,
    name: "sentiment-analyzer",
    displayName: "Sentiment Analyzer",
    summary: "Positive or negative review text.",
    task: "text-classification",
    framework: "pytorch",
    tags: ["nlp"],
    license: "Apache-2.0",
    visibility: "gated",
    versions: [{ status: "pending_review", runtime: "http" }],
  });
  await createModel(db, {
    teamId: teams.nlp,
    name: "customer-sentiment",
    displayName: "Customer Sentiment",
    summary: "Sentiment of support tickets.",
    task: "text-classification",
    framework: "onnx",
    tags: ["nlp", "support"],
    license: "MIT",
    versions: [{ status: "deprecated" }, { status: "approved" }],
  });
  await createModel(db, {
    teamId: teams.lab,
    name: "secret-draft",
    summary: "Unreleased sentiment idea.",
    task: "text-classification",
    versions: [{ status: "draft" }],
  });
  await createModel(db, {
    teamId: teams.lab,
    name: "old-retired",
    summary: "Retired sentiment model.",
    task: "text-classification",
    versions: [{ status: "retired" }],
  });
  await createModel(db, {
    teamId: teams.lab,
    name: "turned-down",
    summary: "Rejected sentiment model.",
    task: "text-classification",
    versions: [{ status: "rejected" }],
  });
  for (let i = 0; i < 25; i++) {
    await createModel(db, {
      teamId: teams.lab,
      name: `bulk-${String(i).padStart(2, "0")}`,
      summary: "Forecasts demand.",
      task: "regression",
      framework: "xgboost",
    });
  }
});

describe("searchModels", () => {
  it("ranks an exact name above a model whose card mentions the word many times", async () => {
    const result = await search({ q: "iris" });
    expect(result.items.map((i) => i.name)).toEqual(["iris-classifier", "garden-helper"]);
    expect(result.total).toBe(2);
    expect(result.sort).toBe("relevance");
  });

  it("tolerates typos and matches prefixes", async () => {
    expect((await search({ q: "iirs" })).items[0]?.name).toBe("iris-classifier");
    expect((await search({ q: "clasifier" })).items[0]?.name).toBe("iris-classifier");
    const sentim = await search({ q: "sentim" });
    expect(sentim.items.map((i) => i.name).sort()).toEqual(["customer-sentiment", "sentiment-analyzer"]);
    expect((await search({ q: "zzzqqq" })).total).toBe(0);
  });

  it("counts facets with every other active filter applied", async () => {
    const result = await search({ framework: "pytorch" });
    expect(result.total).toBe(2);
    // framework facet ignores its own filter: every framework is offered with its full count
    expect(Object.fromEntries(result.facets.framework.map((f) => [f.value, f.count]))).toEqual({
      sklearn: 1,
      pytorch: 2,
      onnx: 1,
      xgboost: 25,
    });
    // other facets count only pytorch models
    expect(Object.fromEntries(result.facets.task.map((f) => [f.value, f.count]))).toEqual({
      "text-generation": 1,
      "text-classification": 1,
    });
    expect(Object.fromEntries(result.facets.visibility.map((f) => [f.value, f.count]))).toEqual({ public: 1, gated: 1 });

    const both = await search({ framework: "pytorch", license: "Apache-2.0", tag: "flowers" });
    expect(both.items.map((i) => i.name)).toEqual(["garden-helper"]);
    expect(Object.fromEntries(both.facets.license.map((f) => [f.value, f.count]))).toEqual({ "Apache-2.0": 1 });
    // the tag facet keeps pytorch + Apache-2.0 but not its own filter: the nlp model is offered too
    expect(Object.fromEntries(both.facets.tag.map((f) => [f.value, f.count]))).toEqual({ flowers: 1, nlp: 1 });
    expect(both.facets.team).toEqual([{ value: "vision", label: "Team vision", count: 1 }]);

    // with words too: each filter's facet offers what the words and the other filters match
    const worded = await search({ q: "sentiment", framework: "onnx", license: "Apache-2.0" });
    expect(worded.total).toBe(0);
    expect(Object.fromEntries(worded.facets.framework.map((f) => [f.value, f.count]))).toEqual({ pytorch: 1 });
    expect(Object.fromEntries(worded.facets.license.map((f) => [f.value, f.count]))).toEqual({ MIT: 1 });
    expect(worded.facets.task).toEqual([]);

    // an unknown team matches nothing, yet the team facet still offers the teams that would match
    const unknownTeam = await search({ framework: "pytorch", team: "no-such-team" });
    expect(unknownTeam.total).toBe(0);
    expect(Object.fromEntries(unknownTeam.facets.team.map((f) => [f.value, f.count]))).toEqual({ vision: 1, nlp: 1 });
  });

  it("filters and counts by the health status the alerts job keeps", async () => {
    await db.$executeRaw`UPDATE models SET "healthStatus" = 'failing' WHERE name = 'garden-helper'`;
    try {
      const failing = await search({ health: "failing" });
      expect(failing.items.map((i) => [i.name, i.healthStatus])).toEqual([["garden-helper", "failing"]]);
      // the health facet ignores its own filter; other facets count only failing models
      const counts = Object.fromEntries(failing.facets.health.map((f) => [f.value, f.count]));
      expect(counts.failing).toBe(1);
      expect(counts.unknown).toBe((await search({})).total - 1);
      expect(Object.fromEntries(failing.facets.framework.map((f) => [f.value, f.count]))).toEqual({ pytorch: 1 });
      expect((await search({ q: "garden", health: "healthy" })).total).toBe(0);
    } finally {
      await db.$executeRaw`UPDATE models SET "healthStatus" = 'unknown' WHERE name = 'garden-helper'`;
    }
  });

  it("shows only what the viewer may see", async () => {
    const outsider = await search({ q: "sentiment", pageSize: "50" });
    expect(outsider.items.map((i) => i.name).sort()).toEqual(["customer-sentiment", "sentiment-analyzer"]);
    const gated = outsider.items.find((i) => i.name === "sentiment-analyzer");
    expect(gated).toMatchObject({ visibility: "gated", awaitingApproval: true, latestVersion: null });
    expect(outsider.facets.status.map((f) => f.value).sort()).toEqual(["approved", "deprecated", "pending_review"]);
    expect((await search({ status: "draft" })).total).toBe(0);

    const lab = await search({ q: "sentiment", pageSize: "50" }, [teams.lab]);
    expect(lab.items.map((i) => i.name).sort()).toEqual([
      "customer-sentiment",
      "old-retired",
      "secret-draft",
      "sentiment-analyzer",
      "turned-down",
    ]);
    expect((await search({ status: "draft" }, [teams.lab])).items.map((i) => i.name)).toEqual(["secret-draft"]);
    expect((await search({})).total).toBe(29);
  });

  it("paginates without overlap", async () => {
    const pages = await Promise.all(["1", "2", "3"].map((page) => search({ task: "regression", sort: "name", pageSize: "10", page })));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.every((p) => p.total === 25)).toBe(true);
    const names = pages.flatMap((p) => p.items.map((i) => i.name));
    expect(names).toEqual([...Array(25).keys()].map((i) => `bulk-${String(i).padStart(2, "0")}`));
  });

  it("sorts by calls over the last 30 days", async () => {
    const target = await db.model.findFirstOrThrow({ where: { name: "bulk-17" }, include: { versions: true } });
    const old = await db.model.findFirstOrThrow({ where: { name: "bulk-03" }, include: { versions: true } });
    await db.usageHourly.create({
      data: {
        bucket: new Date(Date.now() - 2 * 3600_000),
        modelId: target.id,
        versionId: target.versions[0].id,
        channel: "api",
        calls: 500n,
      },
    });
    await db.usageHourly.create({
      data: { bucket: new Date(Date.now() - 40 * 86400_000), modelId: old.id, versionId: old.versions[0].id, channel: "api", calls: 9000n },
    });
    const { refreshModelUsage30d } = await import("@/lib/catalog/model-usage-30d");
    await refreshModelUsage30d();
    const result = await search({ task: "regression", sort: "most_used", pageSize: "2" });
    expect(result.items[0]).toMatchObject({ name: "bulk-17", calls30d: 500 });
    expect(result.items[1].calls30d).toBe(0);
  });
});

describe("GET /api/v1/models", () => {
  it("answers {items, total, facets} to an API key, scoped to the key's team", async () => {
    const { GET } = await import("@/app/api/v1/models/route");
    const { secret } = await createKey(db, teams.lab);
    const call = (qs: string) =>
      GET(new NextRequest(`http://localhost/api/v1/models?${qs}`, { headers: { authorization: `Bearer ${secret}` } }), {
        params: Promise.resolve({}),
      });
    const res = await call("q=sentiment&pageSize=50&runtime=");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(5);
    expect(Object.keys(body.facets).sort()).toEqual([
      "framework",
      "health",
      "license",
      "runtime",
      "status",
      "tag",
      "task",
      "team",
      "visibility",
    ]);
    const bad = await call("pageSize=1000");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("validation_failed");
  });

  it("refuses an unknown key", async () => {
    const { GET } = await import("@/app/api/v1/models/route");
    const res = await GET(
      new NextRequest(`http://localhost/api/v1/models?q=${uniq()}`, {
        headers: { authorization: "Bearer mp_00000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(401);
  });
});

describe("searchModels reads the catalog as it is now", () => {
  it("sees every change on the very next search: new models, version statuses, edits and team names", async () => {
    const team = await createTeam(db, `late-${uniq()}`);
    expect((await search({ q: "zebrawatcher" })).total).toBe(0);
    const model = await createModel(db, {
      teamId: team.id,
      name: "zebrawatcher",
      task: "object-detection",
      versions: [{ status: "draft" }],
    });
    // a draft is the owning team's only
    expect((await search({ q: "zebrawatcher" })).total).toBe(0);
    expect((await search({ q: "zebrawatcher" }, [team.id])).total).toBe(1);

    await db.modelVersion.updateMany({ where: { modelId: model.id }, data: { status: "pending_review" } });
    const visible = await search({ q: "zebrawatcher" });
    expect(visible.items.map((i) => i.statuses)).toEqual([["pending_review"]]);

    await db.model.update({ where: { id: model.id }, data: { task: "image-segmentation" } });
    await db.team.update({ where: { id: team.id }, data: { name: "Renamed team" } });
    const edited = await search({ task: "image-segmentation" });
    expect(edited.items.map((i) => i.name)).toEqual(["zebrawatcher"]);
    expect(edited.facets.team).toEqual([{ value: team.slug, label: "Renamed team", count: 1 }]);
    expect((await search({ task: "object-detection" })).total).toBe(0);

    await db.modelVersion.deleteMany({ where: { modelId: model.id } });
    await db.model.delete({ where: { id: model.id } });
    expect((await search({ task: "image-segmentation" })).total).toBe(0);
  });
});

describe("searchModels pages sorted by relevance", () => {
  it("hold the same models, in the same order, as one long page, across the relevance tiers", async () => {
    // 3 models with the word in their names, 4 in their summaries, 5 only in their cards.
    const word = "quokka";
    for (let i = 0; i < 12; i++) {
      await createModel(db, {
        teamId: teams.nlp,
        name: i < 3 ? `${word}-tier-${i}` : `marsupial-${i}`,
        summary: i >= 3 && i < 7 ? `Counts every ${word} on the island.` : "Counts animals.",
        card: i >= 7 ? `Trained on photos of a ${word}.` : "",
      });
    }
    const all = await search({ q: word, pageSize: "20" });
    expect(all.total).toBe(12);
    const tier = (name: string) => (name.startsWith(word) ? 2 : Number(name.split("-")[1]) < 7 ? 1 : 0);
    const names = all.items.map((i) => i.name);
    expect(names.map(tier)).toEqual([2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    for (const pageSize of [2, 5]) {
      const pages = await Promise.all(
        [1, 2, 3, 4, 5, 6].map((page) => search({ q: word, pageSize: String(pageSize), page: String(page) })),
      );
      expect(pages.flatMap((p) => p.items.map((i) => i.name))).toEqual(names);
    }
  });
});
