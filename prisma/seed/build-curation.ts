// Stars and collections of the demo company, so a newcomer sees the catalog's "stars" and "trending" sorts,
// star counts on cards and collection pages with something in them. People star models of their own work
// and a few of the company's favourites; three models drew most of their stars in the last week (trending).
import type { Org } from "./build-org";
import type { CatalogModel } from "./build-catalog";
import type { Rng } from "./random";
import { seedId } from "./random";
import { auditEvent, type Person, type SeedRows } from "./rows";

const DAY = 86_400_000;

type CollectionPlan = {
  key: string;
  title: string;
  description: string;
  owner: { team: string } | { person: string };
  visibility: "company" | "private";
  by: string;
  /** Models by slug, in order, with a note each; slugs the catalog does not have are left out. */
  items: [slug: string, note: string][];
};

const COLLECTIONS: CollectionPlan[] = [
  {
    key: "start-here",
    title: "Start here: models you can call today",
    description: "Real ONNX models served by the portal itself: open one, try it in the console, copy a snippet.",
    owner: { team: "ml-platform" },
    visibility: "company",
    by: "admin@modelport.local",
    items: [
      ["ml-platform/iris-classifier", "The classic: four measurements in, a species out. The quickest first call."],
      ["ml-platform/penguin-species-classifier", "Mixed numeric and categorical input; shows the console's generated form."],
      ["ml-platform/car-origin-classifier", "A tabular classifier with a richer card and evaluation."],
    ],
  },
  {
    key: "fraud-toolkit",
    title: "Fraud & risk toolkit",
    description: "What Payments & Risk runs in production to score payments, accounts and credit.",
    owner: { team: "fraud-risk" },
    visibility: "company",
    by: "lena.fischer@modelport.local",
    items: [],
  },
  {
    key: "consumer-shortlist",
    title: "Checkout shortlist",
    description: "Models I am evaluating for the checkout flow.",
    owner: { person: "consumer@modelport.local" },
    visibility: "private",
    by: "consumer@modelport.local",
    items: [["ml-platform/iris-classifier", "Used for the integration test of our client."]],
  },
];

export function buildCuration(rows: SeedRows, options: { now: Date; rng: Rng; org: Org; catalog: CatalogModel[] }): void {
  const { now, rng, org, catalog } = options;
  const bySlug = new Map(catalog.map((m) => [m.slug, m]));
  const people: Person[] = (["consumer", "publisher", "reviewer", "executive", "admin"] as const).flatMap((r) => org.byRole(r));
  const favourites = catalog.filter((m) => m.def.team === "ml-platform").map((m) => m.slug);
  const trending = new Set(rng.sample(catalog, 3).map((m) => m.slug));

  // Stars: one per person and model, 2–6 each, mostly older than a week except on the trending models.
  for (const person of people) {
    const own = catalog.filter((m) => org.members(m.def.team).some((p) => p.id === person.id));
    const picks = new Set([...rng.sample(own, Math.min(own.length, 2)), ...rng.sample(catalog, rng.int(1, 3))].map((m) => m.slug));
    if (rng.chance(0.6)) picks.add(rng.pick(favourites));
    for (const slug of trending) if (rng.chance(0.5)) picks.add(slug);
    for (const slug of picks) {
      const recent = trending.has(slug) ? rng.chance(0.85) : rng.chance(0.1);
      const daysAgo = recent ? rng.int(0, 6) : rng.int(8, 34);
      rows.modelStars.push({
        userId: person.id,
        modelId: bySlug.get(slug)!.id,
        createdAt: new Date(now.getTime() - daysAgo * DAY - rng.int(0, DAY)),
      });
    }
  }

  // Collections: the fraud toolkit takes the risk teams' models as the catalog has them.
  const risk = catalog.filter((m) => m.def.team === "fraud-risk" || m.def.team === "credit-decisioning").slice(0, 6);
  for (const plan of COLLECTIONS) {
    const items = plan.key === "fraud-toolkit" ? risk.map((m): [string, string] => [m.slug, m.def.summary]) : plan.items;
    const present = items.filter(([slug]) => bySlug.has(slug));
    if (present.length === 0) continue;
    const id = seedId("collection", plan.key);
    const author = org.person(plan.by);
    const createdAt = new Date(now.getTime() - rng.int(10, 40) * DAY);
    rows.collections.push({
      id,
      title: plan.title,
      description: plan.description,
      visibility: plan.visibility,
      ownerUserId: "person" in plan.owner ? org.person(plan.owner.person).id : null,
      teamId: "team" in plan.owner ? org.teamId(plan.owner.team) : null,
      createdById: author.id,
      createdAt,
      updatedAt: createdAt,
    });
    present.forEach(([slug, note], position) =>
      rows.collectionItems.push({
        collectionId: id,
        modelId: bySlug.get(slug)!.id,
        position,
        note,
        addedById: author.id,
        addedAt: createdAt,
      }),
    );
    rows.auditEvents.push(
      auditEvent({
        at: createdAt,
        actor: author,
        action: "collection.create",
        targetType: "collection",
        targetId: id,
        after: { title: plan.title },
      }),
    );
  }
}
