import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { artifactPath } from "@/lib/artifacts/artifact-store";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/demo-accounts";
import { verifyPassword } from "@/lib/auth/password";
import { driftOf } from "@/lib/model-health/drift-figures";
import type { FeatureProfile } from "@/lib/model-health/profile";
import { createPrismaClient, type Db } from "@/lib/server/db";
import { createTestDatabase } from "@/test/databases";
import { seedIfEmpty } from "./seed";
import { ONNX_SEED_DIR } from "./seed/onnx-models";

const DAY = 86_400_000;
const SEED_TIMEOUT = 600_000;

const CostModel = z.union([
  z.strictObject({ kind: z.literal("per_call"), microsPerCall: z.number().int().positive() }),
  z.strictObject({ kind: z.literal("compute_time"), hardwareClass: z.enum(["cpu-small", "cpu-large", "gpu-t4", "gpu-a100"]) }),
  z.strictObject({
    kind: z.literal("tokens"),
    inputMicrosPer1k: z.number().int().nonnegative(),
    outputMicrosPer1k: z.number().int().nonnegative(),
  }),
]);

describe("demo seed", () => {
  let url: string;
  let db: Db;
  let sql: pg.Client;
  let artifactDir: string;
  const rows = async <T>(query: string, params: unknown[] = []) => (await sql.query(query, params)).rows as T[];
  const num = async (query: string, params: unknown[] = []) => Number(Object.values((await sql.query(query, params)).rows[0])[0]);

  beforeAll(async () => {
    url = await createTestDatabase();
    artifactDir = mkdtempSync(path.join(os.tmpdir(), "modelport-seed-artifacts-"));
    const started = performance.now();
    expect(await seedIfEmpty(url, { artifactDir })).toBe(true);
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    db = createPrismaClient(url, 2);
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  }, SEED_TIMEOUT);

  afterAll(async () => {
    await sql?.end();
    await db?.$disconnect();
    rmSync(artifactDir, { recursive: true, force: true });
  });

  it("builds business units, teams and people in every role", async () => {
    const units = await db.businessUnit.findMany({ include: { teams: true } });
    expect(units.length).toBeGreaterThanOrEqual(4);
    expect(new Set(units.map((u) => u.costCenter)).size).toBe(units.length);
    const teams = await db.team.findMany();
    expect(teams.length).toBeGreaterThanOrEqual(8);
    for (const team of teams) expect(team.contactEmail).toMatch(/@/);
    const users = await db.user.findMany();
    expect(users.length).toBeGreaterThanOrEqual(25);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(["consumer", "publisher", "reviewer", "executive", "admin"]));
  });

  it("creates the five demo accounts with the demo password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: account.email } });
      expect(user.role).toBe(account.role);
      expect(user.disabled).toBe(false);
      await expect(verifyPassword(DEMO_PASSWORD, user.passwordHash ?? "")).resolves.toBe(true);
    }
    const publisherTeams = await db.teamMember.findMany({
      where: { user: { email: "publisher@modelport.local" }, role: "maintainer" },
      include: { team: { include: { models: true } } },
    });
    expect(Math.max(...publisherTeams.map((m) => m.team.models.length))).toBeGreaterThanOrEqual(3);
    const consumerTeams = await db.teamMember.findMany({
      where: { user: { email: "consumer@modelport.local" } },
      include: { team: { include: { apps: { include: { keys: true } } } } },
    });
    const consumerKeys = consumerTeams.flatMap((m) => m.team.apps.flatMap((a) => a.keys)).filter((k) => !k.revokedAt);
    expect(consumerKeys.length).toBeGreaterThanOrEqual(2);
  });

  it("publishes 40+ varied models with owners, cards and a few hygiene gaps", async () => {
    const models = await db.model.findMany({ include: { team: true } });
    expect(models.length).toBeGreaterThanOrEqual(40);
    expect(new Set(models.map((m) => m.task)).size).toBeGreaterThanOrEqual(10);
    for (const fw of ["onnx", "pytorch", "sklearn", "xgboost", "tensorflow", "huggingface", "openai-compatible"]) {
      expect(models.some((m) => m.framework === fw)).toBe(true);
    }
    for (const m of models) {
      expect(m.slug).toBe(`${m.team.slug}/${m.name}`);
      expect(m.businessOwnerId).not.toBeNull();
      expect(m.riskLevel).not.toBeNull();
      expect(m.summary.length).toBeGreaterThan(20);
    }
    expect(models.filter((m) => m.visibility === "gated").length).toBeGreaterThanOrEqual(3);
    const sections = ["## Intended use", "## Limitations", "## Training data", "## Evaluation"];
    const incomplete = models.filter((m) => sections.some((s) => !m.card.includes(s)));
    expect(incomplete.length).toBeGreaterThanOrEqual(3);
    expect(incomplete.length).toBeLessThanOrEqual(models.length / 4);
  });

  it("has versions in every status with consistent lifecycle fields and reviews", async () => {
    const versions = await db.modelVersion.findMany({ include: { reviews: true, replacementVersion: true } });
    expect(new Set(versions.map((v) => v.status))).toEqual(
      new Set(["draft", "pending_review", "approved", "rejected", "deprecated", "retired"]),
    );
    const now = Date.now();
    for (const v of versions) {
      expect(v.version).toBe(`${v.major}.${v.minor}.${v.patch}`);
      const approved = ["approved", "deprecated", "retired"].includes(v.status);
      expect(v.submittedAt !== null).toBe(v.status !== "draft");
      expect(v.approvedAt !== null && v.approvedById !== null).toBe(approved);
      if (approved || v.status === "rejected") {
        expect(v.reviews.length).toBeGreaterThanOrEqual(1);
        for (const r of v.reviews) {
          expect(r.reviewerId).not.toBe(v.submittedById);
          expect(r.decision).toBe(v.status === "rejected" ? "reject" : "approve");
          expect(r.checklist).toEqual(expect.any(Object));
        }
      } else {
        expect(v.reviews).toEqual([]);
      }
      if (v.status === "deprecated") {
        expect(v.deprecationMessage).toBeTruthy();
        expect(v.sunsetAt!.getTime()).toBeGreaterThan(now);
      }
      if (v.status === "retired") {
        expect(v.retiredAt!.getTime()).toBeLessThan(now);
        expect(v.replacementVersion?.modelId).toBe(v.modelId);
        expect(v.replacementVersion?.status).toBe("approved");
      }
      expect(CostModel.safeParse(v.costModel).success).toBe(true);
      if (v.runtime === "http") {
        expect(["generic", "kserve_v2"]).toContain(v.httpProtocol);
        expect(v.endpointUrl).toMatch(/^http:\/\/[a-z0-9-]+\.ml\.internal:\d+\//);
      }
      if (v.runtime === "openai") expect(v.httpProtocol).toBe("openai");
    }
  });

  it("gives every version an example input that its input schema accepts", async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const v of await db.modelVersion.findMany()) {
      const validate = ajv.compile(v.inputSchema as object);
      expect(validate(v.exampleInput), `${v.id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      ajv.compile(v.outputSchema as object);
    }
  });

  it("serves the trained ONNX models from the artifact store", async () => {
    const files = readdirSync(ONNX_SEED_DIR).filter((f) => f.endsWith(".json"));
    const onnx = await db.modelVersion.findMany({ where: { runtime: "onnx" }, include: { model: true } });
    expect(onnx.length).toBe(files.length);
    for (const v of onnx) {
      expect(v.status).toBe("approved");
      const bytes = readFileSync(artifactPath(v.artifactPath!, artifactDir));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(v.artifactSha256);
      expect(BigInt(bytes.length)).toBe(v.artifactSize);
      expect(files).toContain(`${v.model.name}.json`);
    }
  });

  it("gives iris a reference from iris.csv and seeds the penguin classifier drifting on body mass, folded", async () => {
    const drift = async (model: string, since: number) => {
      const [ref] = await rows<{ versionId: string; fileName: string; features: FeatureProfile[] }>(
        `SELECT r."versionId", r."fileName", r.features FROM reference_profiles r JOIN model_versions v ON v.id = r."versionId"
         JOIN models m ON m.id = v."modelId" WHERE m.name = $1`,
        [model],
      );
      const bins = await rows<{ feature: string; bucket: string; count: string }>(
        `SELECT feature, bucket, sum(count) AS count FROM health_bins WHERE "versionId" = $1 AND hour >= $2 GROUP BY feature, bucket`,
        [ref.versionId, new Date(Date.now() - since)],
      );
      const psi = Object.fromEntries(
        ref.features
          .filter((f) => f.role === "input")
          .map((f) => [
            f.name,
            driftOf(f, Object.fromEntries(bins.filter((b) => b.feature === f.key).map((b) => [b.bucket, Number(b.count)]))).value,
          ]),
      );
      return { fileName: ref.fileName, psi };
    };
    const iris = await drift("iris-classifier", 3 * DAY);
    expect(iris.fileName).toBe("iris.csv");
    for (const value of Object.values(iris.psi)) expect(value!).toBeLessThan(0.2);
    const penguin = await drift("penguin-species-classifier", DAY);
    expect(penguin.psi.body_mass_g!).toBeGreaterThan(0.2);
    for (const f of ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]) expect(penguin.psi[f]!).toBeLessThan(0.2);
  });

  it("has hardware rates with a recent change, apps with keys and gated access decisions", async () => {
    const rates = await db.hardwareRate.findMany();
    expect(new Set(rates.map((r) => r.hardwareClass))).toEqual(new Set(["cpu-small", "cpu-large", "gpu-t4", "gpu-a100"]));
    expect(rates.some((r) => r.effectiveFrom.getTime() > Date.now() - 90 * DAY)).toBe(true);
    const apps = await db.app.findMany({ include: { keys: true } });
    expect(apps.filter((a) => a.keys.length > 0).length).toBeGreaterThanOrEqual(5);
    const keys = apps.flatMap((a) => a.keys);
    expect(keys.filter((k) => k.revokedAt).length).toBeGreaterThanOrEqual(1);
    expect(keys.filter((k) => k.expiresAt && k.expiresAt.getTime() < Date.now()).length).toBeGreaterThanOrEqual(1);
    for (const k of keys) {
      expect(k.prefix).toMatch(/^mp_[0-9a-f]{8}$/);
      expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
      for (const scope of k.scopes) expect(["invoke", "publish", "read"]).toContain(scope);
    }
    const requests = await db.accessRequest.findMany({ include: { grant: true, model: true } });
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(["pending", "approved", "denied"]));
    for (const r of requests) {
      expect(r.model.visibility).toBe("gated");
      expect(r.grant !== null).toBe(r.status === "approved");
    }
  });

  it("records 90 days of realistic invocations ending now", async () => {
    const total = await num(`SELECT count(*) FROM invocations`);
    expect(total).toBeGreaterThanOrEqual(200_000);
    expect(total).toBeLessThanOrEqual(500_000);
    const [span] = await rows<{ first: Date; last: Date }>(`SELECT min(at) AS first, max(at) AS last FROM invocations`);
    expect(span.last.getTime()).toBeGreaterThan(Date.now() - 3 * 3_600_000);
    expect(span.last.getTime()).toBeLessThanOrEqual(Date.now());
    expect(span.first.getTime()).toBeGreaterThan(Date.now() - 91 * DAY);
    // Weekdays and business hours are busier than weekends and nights.
    const [shape] = await rows<{ weekday: number; weekend: number; office: number; night: number }>(`
      SELECT count(*) FILTER (WHERE extract(isodow FROM at AT TIME ZONE 'UTC') < 6) / 5.0 AS weekday,
             count(*) FILTER (WHERE extract(isodow FROM at AT TIME ZONE 'UTC') >= 6) / 2.0 AS weekend,
             count(*) FILTER (WHERE extract(hour FROM at AT TIME ZONE 'UTC') BETWEEN 9 AND 16) AS office,
             count(*) FILTER (WHERE extract(hour FROM at AT TIME ZONE 'UTC') BETWEEN 0 AND 7) AS night FROM invocations`);
    expect(Number(shape.weekday)).toBeGreaterThan(Number(shape.weekend) * 1.15);
    expect(Number(shape.office)).toBeGreaterThan(Number(shape.night) * 1.5);
    // Channels: API calls carry an app and a key, console calls a user and no app.
    expect(
      await num(
        `SELECT count(*) FROM invocations WHERE channel = 'api' AND ("appId" IS NULL OR "apiKeyId" IS NULL OR "userId" IS NOT NULL)`,
      ),
    ).toBe(0);
    expect(await num(`SELECT count(*) FROM invocations WHERE channel = 'console' AND ("appId" IS NOT NULL OR "userId" IS NULL)`)).toBe(0);
    expect(await num(`SELECT count(*) FROM invocations WHERE channel = 'console'`)).toBeGreaterThan(total * 0.005);
    // Errors have codes and no value; gateway overhead stays small.
    expect(await num(`SELECT count(*) FROM invocations WHERE "statusCode" >= 400`)).toBeGreaterThan(total * 0.003);
    expect(await num(`SELECT count(*) FROM invocations WHERE ("statusCode" >= 400) <> ("errorCode" IS NOT NULL)`)).toBe(0);
    expect(await num(`SELECT count(*) FROM invocations WHERE "statusCode" >= 400 AND "valueMicros" <> 0`)).toBe(0);
    expect(
      await num(
        `SELECT count(*) FROM invocations i JOIN models m ON m.id = i."modelId" WHERE i."statusCode" < 400 AND i."valueMicros" <> m."valuePerCallMicros"`,
      ),
    ).toBe(0);
    expect(await num(`SELECT count(*) FROM invocations WHERE "gatewayMs" < 0.3 OR "gatewayMs" > 25`)).toBe(0);
    // Only served versions are called, retired ones only before retirement, revoked/expired keys not after.
    expect(
      await num(
        `SELECT count(*) FROM invocations i JOIN model_versions v ON v.id = i."versionId" WHERE v.status NOT IN ('approved', 'deprecated', 'retired') OR i.at < v."approvedAt" OR i.at >= coalesce(v."retiredAt", 'infinity')`,
      ),
    ).toBe(0);
    expect(
      await num(
        `SELECT count(*) FROM invocations i JOIN api_keys k ON k.id = i."apiKeyId" WHERE i.at >= least(coalesce(k."revokedAt", 'infinity'), coalesce(k."expiresAt", 'infinity')) OR k."appId" <> i."appId"`,
      ),
    ).toBe(0);
    expect(
      await num(
        `SELECT count(*) FROM invocations i JOIN models m ON m.id = i."modelId" WHERE m.visibility = 'gated' AND i.channel = 'api' AND NOT EXISTS (SELECT 1 FROM access_grants g WHERE g."modelId" = m.id AND g."appId" = i."appId" AND g."createdAt" <= i.at)`,
      ),
    ).toBe(0);
    // Deprecated versions are still called; some approved models are never called.
    expect(
      await num(
        `SELECT count(DISTINCT i."versionId") FROM invocations i JOIN model_versions v ON v.id = i."versionId" WHERE v.status = 'deprecated' AND i.at > now() - interval '7 days'`,
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await num(
        `SELECT count(*) FROM models m WHERE EXISTS (SELECT 1 FROM model_versions v WHERE v."modelId" = m.id AND v.status = 'approved') AND NOT EXISTS (SELECT 1 FROM invocations i WHERE i."modelId" = m.id)`,
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  it("prices every call with its version's cost model and the hardware rate of the moment", async () => {
    const mismatches = await num(`
      SELECT count(*) FROM invocations i JOIN model_versions v ON v.id = i."versionId"
      WHERE i."costMicros" <> CASE
        WHEN i."statusCode" BETWEEN 400 AND 499 THEN 0
        WHEN v."costModel"->>'kind' = 'per_call' THEN (v."costModel"->>'microsPerCall')::bigint
        WHEN v."costModel"->>'kind' = 'tokens' THEN floor((coalesce(i."tokensIn", 0) * (v."costModel"->>'inputMicrosPer1k')::bigint
          + coalesce(i."tokensOut", 0) * (v."costModel"->>'outputMicrosPer1k')::bigint) / 1000.0 + 0.5)::bigint
        ELSE floor(i."upstreamMs" / 3600000 * (SELECT r."hourlyRateMicros" FROM hardware_rates r
          WHERE r."hardwareClass" = v."costModel"->>'hardwareClass' AND r."effectiveFrom" <= i.at ORDER BY r."effectiveFrom" DESC LIMIT 1) + 0.5)::bigint END`);
    expect(mismatches).toBe(0);
    expect(await num(`SELECT count(*) FROM invocations WHERE "tokensIn" IS NOT NULL AND "costMicros" > 0`)).toBeGreaterThan(1000);
  });

  it("queues every seeded call like the recorder does, and the one fold rolls them all up", async () => {
    expect(await num(`SELECT count(*) FROM usage_pending`)).toBe(0);
    expect(await num(`SELECT count(*) FROM usage_dead_letters`)).toBe(0);
    const raw = await rows(`SELECT "modelId", count(*)::bigint AS calls, count(*) FILTER (WHERE "statusCode" >= 400)::bigint AS errors,
      sum("costMicros")::bigint AS cost, sum("valueMicros")::bigint AS value, sum("bytesIn")::bigint AS bytes FROM invocations GROUP BY 1 ORDER BY 1`);
    for (const table of ["usage_hourly", "usage_daily"]) {
      expect(
        await rows(`SELECT "modelId", sum(calls)::bigint AS calls, sum(errors)::bigint AS errors, sum("costMicros")::bigint AS cost,
        sum("valueMicros")::bigint AS value, sum("bytesIn")::bigint AS bytes FROM ${table} GROUP BY 1 ORDER BY 1`),
        table,
      ).toEqual(raw);
    }
    // Every stored histogram counts each of its row's calls once, in at most 82 buckets.
    for (const table of ["usage_hourly", "usage_daily", "usage_hourly_by", "usage_daily_by"]) {
      for (const h of ["latencyHist", "gatewayHist", "upstreamHist"]) {
        expect(
          await num(
            `SELECT count(*) FROM ${table} t WHERE cardinality(t."${h}") > 82 OR (SELECT sum(x) FROM unnest(t."${h}") x) <> t.calls`,
          ),
          `${table}.${h}`,
        ).toBe(0);
      }
    }
    // The narrow roll-ups: each dimension partitions every call.
    const byDim = (table: string) =>
      rows(`SELECT dim, sum(calls)::bigint AS calls, sum("costMicros")::bigint AS cost FROM ${table} GROUP BY 1 ORDER BY 1`);
    const total = await rows<{ calls: string; cost: string }>(
      `SELECT count(*)::bigint AS calls, sum("costMicros")::bigint AS cost FROM invocations`,
    );
    const expected = ["app", "channel", "model", "unit"].map((dim) => ({ dim, ...total[0] }));
    expect(await byDim("usage_hourly_by")).toEqual(expected);
    expect(await byDim("usage_daily_by")).toEqual(expected);
    expect(await num(`SELECT count(*) FROM usage_daily`)).toBeGreaterThan(1000);
    // The catalog's 30-day figures are there from the first page on.
    expect(await num(`SELECT count(*) FROM model_usage_30d WHERE calls > 0`)).toBeGreaterThan(10);
  });

  it("writes an audit trail for the seeded history", async () => {
    const actions = await rows<{ action: string; n: string }>(`SELECT action, count(*) AS n FROM audit_events GROUP BY 1`);
    const count = (a: string) => Number(actions.find((x) => x.action === a)?.n ?? 0);
    expect(count("model.created")).toBe(await db.model.count());
    for (const a of [
      "version.approved",
      "version.rejected",
      "version.deprecated",
      "version.retired",
      "api_key.revoked",
      "access_request.approved",
      "hardware_rate.created",
    ]) {
      expect(count(a), a).toBeGreaterThan(0);
    }
  });

  it("sets a few budgets from the seeded spend, one near its alert threshold, none past it, each set by the admin and audited", async () => {
    const budgets = await rows<{
      id: string;
      scope: string;
      period: string;
      hardCap: boolean;
      amount: string;
      spend: string;
      creator: string;
    }>(
      `SELECT b.id, CASE WHEN b."appId" IS NOT NULL THEN 'app' WHEN b."teamId" IS NOT NULL THEN 'team' ELSE 'unit' END AS scope,
         b.period::text AS period, b."hardCap", b."amountMicros"::text AS amount, u.email AS creator,
         (SELECT COALESCE(SUM(i."costMicros"), 0) FROM invocations i JOIN apps a ON a.id = i."appId" JOIN teams t ON t.id = a."teamId"
           WHERE (a.id = b."appId" OR a."teamId" = b."teamId" OR t."businessUnitId" = b."businessUnitId")
             AND i.at >= date_trunc(b.period::text, now(), 'UTC'))::text AS spend
       FROM budgets b JOIN users u ON u.id = b."createdById" ORDER BY 2, 3`,
    );
    expect(budgets.map((b) => [b.scope, b.period, b.hardCap, b.creator])).toEqual([
      ["app", "day", false, "admin@modelport.local"],
      ["app", "month", true, "admin@modelport.local"],
      ["team", "week", false, "admin@modelport.local"],
      ["unit", "month", false, "admin@modelport.local"],
    ]);
    const used = new Map(budgets.map((b) => [`${b.scope}/${b.period}`, (Number(b.spend) * 100) / Number(b.amount)]));
    for (const [scope, percent] of used) expect(percent, scope).toBeLessThan(80);
    expect(used.get("team/week")).toBeGreaterThanOrEqual(70);
    const audited = await num(`SELECT count(*) FROM audit_events WHERE action = 'budget.create' AND "targetId" = ANY($1)`, [
      budgets.map((b) => b.id),
    ]);
    expect(audited).toBe(4);
  });

  it("stars models, some of them mostly this week, and keeps team and personal collections", async () => {
    expect(await num(`SELECT count(DISTINCT "modelId") FROM model_stars`)).toBeGreaterThan(10);
    // Trending needs models whose stars grew in the last 7 days against the 28 before.
    const recentHeavy = await num(
      `SELECT count(*) FROM (SELECT "modelId" FROM model_stars GROUP BY 1
         HAVING count(*) >= 3 AND count(*) FILTER (WHERE "createdAt" > now() - interval '7 days') * 2 > count(*)) t`,
    );
    expect(recentHeavy).toBeGreaterThanOrEqual(1);
    const collections = await rows<{ title: string; visibility: string; team: string | null; owner: string | null; items: number }>(
      `SELECT c.title, c.visibility::text, t.slug AS team, u.email AS owner, (SELECT count(*)::int FROM collection_items i WHERE i."collectionId" = c.id) AS items
       FROM collections c LEFT JOIN teams t ON t.id = c."teamId" LEFT JOIN users u ON u.id = c."ownerUserId" ORDER BY c.title`,
    );
    expect(collections.find((c) => c.title.startsWith("Start here"))).toMatchObject({
      visibility: "company",
      team: "ml-platform",
      items: 3,
    });
    expect(collections.find((c) => c.owner === "consumer@modelport.local")).toMatchObject({ visibility: "private", team: null });
    expect(collections.every((c) => c.items > 0)).toBe(true);
    expect(await num(`SELECT count(*) FROM audit_events WHERE action = 'collection.create'`)).toBe(collections.length);
  });

  it("has one model failing on quality: wrong-label feedback joined to its seeded calls and an open accuracy alert", async () => {
    const gt = await rows<{ feedback: number; correct: number; joined: number }>(
      `SELECT count(*)::int AS feedback, count(*) FILTER (WHERE g."actualLabel" = g."predictedLabel")::int AS correct,
              count(i."requestId")::int AS joined
         FROM ground_truth g JOIN model_versions v ON v.id = g."versionId" JOIN models m ON m.id = v."modelId"
         LEFT JOIN invocations i ON i."requestId" = g."requestId" AND i."versionId" = g."versionId"
        WHERE m.slug = 'ml-platform/car-origin-classifier' AND g."feedbackAt" IS NOT NULL`,
    );
    expect(gt[0].feedback).toBeGreaterThanOrEqual(10);
    expect(gt[0].joined).toBe(gt[0].feedback);
    expect(gt[0].correct / gt[0].feedback).toBeLessThan(0.7595 - 0.05);
    const alerts = await rows<{ rule: string; severity: string; status: string }>(
      `SELECT a.rule, a.severity, m."healthStatus"::text AS status FROM model_alerts a
         JOIN model_versions v ON v.id = a."versionId" JOIN models m ON m.id = v."modelId"
        WHERE m.slug = 'ml-platform/car-origin-classifier' AND a."resolvedAt" IS NULL`,
    );
    expect(alerts).toEqual([{ rule: "accuracy", severity: "failing", status: "failing" }]);
  });

  it("does nothing when seeded already", async () => {
    const before = await rows(
      `SELECT (SELECT count(*) FROM invocations) i, (SELECT count(*) FROM users) u, (SELECT count(*) FROM audit_events) a, (SELECT value FROM system_state WHERE key = 'demo_seeded_at') v`,
    );
    expect(await seedIfEmpty(url, { artifactDir })).toBe(false);
    expect(
      await rows(
        `SELECT (SELECT count(*) FROM invocations) i, (SELECT count(*) FROM users) u, (SELECT count(*) FROM audit_events) a, (SELECT value FROM system_state WHERE key = 'demo_seeded_at') v`,
      ),
    ).toEqual(before);
  });

  it(
    "is deterministic and seeds only once when started twice at the same time",
    async () => {
      const other = await createTestDatabase();
      const results = await Promise.all([seedIfEmpty(other, { artifactDir }), seedIfEmpty(other, { artifactDir })]);
      expect(results.sort()).toEqual([false, true]);
      const shape = async (client: Db) =>
        (
          await client.modelVersion.findMany({
            select: { id: true, version: true, status: true, model: { select: { slug: true } } },
            orderBy: { id: "asc" },
          })
        ).map((v) => `${v.id} ${v.model.slug}@${v.version} ${v.status}`);
      const otherDb = createPrismaClient(other, 2);
      try {
        expect(await shape(otherDb)).toEqual(await shape(db));
        expect((await otherDb.user.findMany({ orderBy: { email: "asc" } })).map((u) => `${u.id} ${u.email}`)).toEqual(
          (await db.user.findMany({ orderBy: { email: "asc" } })).map((u) => `${u.id} ${u.email}`),
        );
      } finally {
        await otherDb.$disconnect();
      }
    },
    SEED_TIMEOUT,
  );
});
