// The whole demo company as data: rows for every table plus the traffic plan, from a fixed seed.
import { buildApps } from "./build-apps";
import { buildCatalog, type CatalogModel } from "./build-catalog";
import { buildCuration } from "./build-curation";
import { buildOrg } from "./build-org";
import { CARE_PLATFORM_MODELS } from "./models-care-platform";
import { COMMERCE_MODELS } from "./models-commerce";
import { OPERATIONS_MODELS } from "./models-operations";
import { RISK_MODELS } from "./models-risk";
import { createRng, SEED } from "./random";
import { auditEvent, emptyRows, type SeedRows } from "./rows";
import { planTraffic, type Stream } from "./traffic";
import type { ModelDef } from "./types";

export const CATALOG_MODELS: ModelDef[] = [...RISK_MODELS, ...COMMERCE_MODELS, ...OPERATIONS_MODELS, ...CARE_PLATFORM_MODELS];

export type SeedPlan = { rows: SeedRows; streams: Stream[]; catalog: CatalogModel[] };

export function buildSeedPlan(options: { now: Date; passwordHash: string; onnxModels: ModelDef[] }): SeedPlan {
  const { now, passwordHash } = options;
  const rng = createRng(SEED);
  const rows = emptyRows();
  const org = buildOrg(rows, { now, rng: rng.fork("org"), passwordHash });
  const catalog = buildCatalog(rows, [...CATALOG_MODELS, ...options.onnxModels], { now, rng: rng.fork("catalog"), org });
  const modelIds = new Map(catalog.map((m) => [m.slug, m.id]));
  const { apps, grants } = buildApps(rows, { now, rng: rng.fork("apps"), org, modelIds });
  buildCuration(rows, { now, rng: rng.fork("curation"), org, catalog });
  const streams = planTraffic(catalog, { now, rng: rng.fork("traffic"), org, apps, grants });
  rows.auditEvents.push(
    auditEvent({
      at: now,
      actor: null,
      action: "demo_data.seeded",
      targetType: "system",
      targetId: "demo_seeded_at",
      after: { models: catalog.length, seed: SEED },
    }),
  );
  return { rows, streams, catalog };
}
