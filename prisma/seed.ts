// Demo data: a realistic company (business units, teams, people, 40+ models with full version
// histories, apps and keys, 90 days of invocations ending now) — seeded once, in one transaction.
// As a CLI: `npx tsx prisma/seed.ts` seeds DATABASE_URL when it has not been seeded yet.
import { createPrismaClient } from "../lib/server/db";
import { openConnections } from "../lib/server/db";
import { flushRollups } from "../lib/usage/rollups/rollup-worker";
import { hashPassword } from "../lib/auth/password";
import { DEMO_PASSWORD } from "../lib/auth/demo-accounts";
import { buildSeedPlan } from "./seed/build-plan";
import { seedModelHealth } from "./seed/build-model-health";
import { seedModelQuality } from "./seed/build-model-quality";
import { loadOnnxModels } from "./seed/onnx-models";
import { profileWeights } from "./seed/traffic-profiles";
import { writeTraffic } from "./seed/traffic-sql";
import { writeRows } from "./seed/write-rows";
import { seedDemoBudgets } from "./seed/build-budgets";
import { seedRollouts } from "./seed/build-rollouts";

export const SEED_MARKER = "demo_seeded_at";

export type SeedOptions = {
  log?: (line: string) => void;
  /** Where ONNX artifacts go; default ARTIFACT_DIR or .data/artifacts (must match the server's). */
  artifactDir?: string;
  /** Folder with the trained ONNX models and their metadata (default prisma/seed-data/onnx). */
  onnxDir?: string;
};

/** Seeds the demo company unless it is already there. Returns true when it seeded. */
export async function seedIfEmpty(databaseUrl: string, options: SeedOptions = {}): Promise<boolean> {
  const log = options.log ?? (() => {});
  const db = createPrismaClient(databaseUrl, 2);
  try {
    if (await db.systemState.findUnique({ where: { key: SEED_MARKER } })) return false;
    const started = performance.now();
    const now = new Date();
    const onnxModels = await loadOnnxModels({
      dir: options.onnxDir,
      artifactDir: options.artifactDir ?? process.env.ARTIFACT_DIR ?? ".data/artifacts",
    });
    const plan = buildSeedPlan({ now, passwordHash: await hashPassword(DEMO_PASSWORD), onnxModels });
    log(
      `seeding demo data: ${plan.catalog.length} models (${onnxModels.length} ONNX), ${plan.rows.users.length} users, ${plan.streams.length} traffic streams`,
    );

    // One transaction: a crash leaves nothing behind, and the marker is only visible with the data.
    // The advisory lock makes a second process wait and then see the marker instead of seeding twice.
    const calls = await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(727275)");
        if (await tx.systemState.findUnique({ where: { key: SEED_MARKER } })) return null;
        await writeRows(tx, plan.rows);
        const count = await writeTraffic(tx, plan.streams, profileWeights(), now);
        await seedDemoBudgets(tx, now); // after the traffic: the amounts follow what was spent
        await seedRollouts(tx, now);
        await seedModelQuality(tx, now);
        await tx.systemState.create({ data: { key: SEED_MARKER, value: now.toISOString() } });
        return count;
      },
      { timeout: 180_000, maxWait: 180_000 },
    );
    if (calls === null) return false;
    log(`demo data seeded: ${calls} invocations in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    // The roll-ups are built by the one fold, from the queue the seed filled like the recorder does.
    const folding = performance.now();
    const connections = openConnections(databaseUrl, 2);
    try {
      await flushRollups(connections.kysely);
      // The catalog's 30-day figures ("most used", calls on cards) show the demo traffic from the first page on,
      // not only after the usage-refresh job's next pass.
      await connections.pool.query("SELECT modelport_refresh_model_usage_30d()");
      await seedModelHealth(connections.pool, connections.kysely, now);
    } finally {
      await connections.pool.end();
    }
    log(`demo traffic rolled up in ${((performance.now() - folding) / 1000).toFixed(1)}s`);
    return true;
  } finally {
    await db.$disconnect();
  }
}

if (/[\\/]prisma[\\/]seed\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  seedIfEmpty(url, { log: (line) => console.log(`[seed] ${line}`) })
    .then((seeded) => {
      if (!seeded) console.log("[seed] demo data already present: nothing to do");
    })
    .catch((error: Error) => {
      console.error(`[seed] failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
}
