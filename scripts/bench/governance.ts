// Governance benchmark: audit trail queries at volume and contended reviews. Starts its own throwaway
// embedded PostgreSQL. Run: npm run bench:governance  (AUDIT_ROWS=… to change the volume)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, startEmbeddedPostgres } from "@/lib/server/embedded-postgres";
import { migrateDatabase } from "@/lib/server/migrate";

const AUDIT_ROWS = Number(process.env.AUDIT_ROWS ?? 200_000);
const VERSIONS = 40;

async function timed<T>(label: string, runs: number, fn: () => Promise<T>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} median ${times[Math.floor(runs / 2)].toFixed(1)} ms  p90 ${times[Math.floor(runs * 0.9)].toFixed(1)} ms`,
  );
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "modelport-bench-gov-"));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  try {
    await pg.createDatabase("bench");
    process.env.DATABASE_URL = pg.urlFor("bench");
    await migrateDatabase(process.env.DATABASE_URL);
    const { db } = await import("@/lib/server/db");
    const { listAuditEvents } = await import("@/lib/audit/list-audit-events");
    const { auditEventsToCsv } = await import("@/lib/audit/audit-csv");
    const { auditQuery } = await import("@/lib/governance/schemas");
    const { reviewVersion } = await import("@/lib/governance/review-version");
    const f = await import("@/lib/governance/testing/factory");

    let t = performance.now();
    await db.$executeRawUnsafe(`
      INSERT INTO audit_events (at, "actorLabel", action, "targetType", "targetId", after)
      SELECT now() - (g * interval '13 seconds'), 'user' || (g % 300) || '@corp.example',
             (ARRAY['version.approve','version.reject','access.approve','api_key.create','model.update'])[1 + g % 5],
             (ARRAY['version','version','access_request','api_key','model'])[1 + g % 5], 't-' || (g % 20000), jsonb_build_object('n', g)
      FROM generate_series(1, ${AUDIT_ROWS}) g`);
    await db.$executeRawUnsafe("ANALYZE audit_events");
    console.log(`inserted ${AUDIT_ROWS} audit events in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const admin = { role: "admin" as const };
    const q = (o: Record<string, string>) => {
      const { format: _f, ...rest } = auditQuery.parse(o);
      return rest;
    };
    const from = new Date(Date.now() - 86_400_000).toISOString();
    await timed("audit: newest page, no filter", 20, () => listAuditEvents({ user: admin, query: q({}) }));
    await timed("audit: actor contains", 20, () => listAuditEvents({ user: admin, query: q({ actor: "user42@" }) }));
    await timed("audit: action prefix version.*", 20, () => listAuditEvents({ user: admin, query: q({ action: "version.*" }) }));
    await timed("audit: target type + id", 20, () =>
      listAuditEvents({ user: admin, query: q({ targetType: "model", targetId: "t-1234" }) }),
    );
    await timed("audit: last 24 h, page 50", 20, () => listAuditEvents({ user: admin, query: q({ from, page: "50" }) }));
    await timed("audit: CSV export, 50,000 rows", 3, async () =>
      auditEventsToCsv((await listAuditEvents({ user: admin, query: { ...q({}), pageSize: 50_000 } })).items),
    );

    const reviewers = await Promise.all([f.makeUser("reviewer"), f.makeUser("reviewer"), f.makeUser("reviewer")]);
    const refs: { owner: string; name: string; version: string }[] = [];
    for (let i = 0; i < VERSIONS; i++) {
      const { model, ref } = await f.makeModel();
      const v = await f.makeVersion(model.id, { version: "1.0.0" });
      refs.push({ ...ref, version: v.version });
    }
    t = performance.now();
    let wins = 0;
    let conflicts = 0;
    const errors = new Map<string, number>();
    await Promise.all(
      refs.map(async (ref) => {
        const results = await Promise.allSettled(
          reviewers.map((r) => reviewVersion({ reviewer: r, actor: f.actor(r), ref, body: { decision: "approve", comment: "" } })),
        );
        wins += results.filter((x) => x.status === "fulfilled").length;
        for (const x of results) {
          if (x.status !== "rejected") continue;
          const code = (x.reason as { code?: string }).code ?? (x.reason as Error).message.slice(0, 80);
          if (code === "invalid_transition") conflicts++;
          else errors.set(code, (errors.get(code) ?? 0) + 1);
        }
      }),
    );
    const ms = performance.now() - t;
    console.log(
      `reviews: ${VERSIONS} versions × 3 concurrent reviewers in ${ms.toFixed(0)} ms (${((VERSIONS * 3) / (ms / 1000)).toFixed(0)} decisions/s); winners ${wins} (expected ${VERSIONS}), 409s ${conflicts}, other errors ${JSON.stringify(Object.fromEntries(errors))}`,
    );
    await db.$disconnect();
  } finally {
    await pg.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
