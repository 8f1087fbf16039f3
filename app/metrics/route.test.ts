import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/current-user";
import { createApiKey } from "@/lib/apps/create-api-key";
import { createApp } from "@/lib/apps/create-app";
import { createAppWithKey, createModel, createTeam, createUser, createVersion, uid } from "@/lib/gateway/test-fixtures";
import { AppError } from "@/lib/server/errors";

let sessionUser: SessionUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => sessionUser }));

const { GET: metricsRoute } = await import("@/app/metrics/route");
// The portal's jobs (instrumentation.ts) load the roll-up worker, whose lag gauge is read at scrape time.
await import("@/lib/usage/rollups/rollup-worker");
const { POST: invokeLatest } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

const person = (role: SessionUser["role"]): SessionUser => ({ id: `u-${uid()}`, email: "u@example.test", name: "U", role, teamIds: [] });

async function scrape(as: { session?: SessionUser | null; key?: string } = {}) {
  sessionUser = as.session ?? null;
  const headers: Record<string, string> = as.key ? { authorization: `Bearer ${as.key}` } : {};
  const res = await metricsRoute(new NextRequest("http://localhost/metrics", { headers }), { params: Promise.resolve({}) });
  sessionUser = null;
  return { res, text: await res.text() };
}

/** The value of one sample in a Prometheus text exposition (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf("}"));
    const parts = inside.split(",");
    if (wanted.every((w) => parts.includes(w)) && parts.length === wanted.length) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

async function invoke(owner: string, name: string, secret: string, body: string) {
  const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body,
  });
  const res = await invokeLatest(req, { params: Promise.resolve({ owner, name }) });
  await res.arrayBuffer();
  return res.status;
}

describe("GET /metrics", () => {
  it("counts the calls made through the governed call, by model, version, channel and status class", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.2.0", status: "approved" });
    const { secret } = await createAppWithKey();
    const admin = person("admin");
    const label = `${owner}/${name}`;
    const before = (await scrape({ session: admin })).text;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await invoke(owner, name, secret, JSON.stringify(iris.exampleInput)));
    for (let i = 0; i < 3; i += 1) statuses.push(await invoke(owner, name, secret, JSON.stringify({ features: [[1, 2]] })));
    expect(statuses).toEqual([200, 200, 200, 200, 422, 422, 422]);
    const { res, text: after } = await scrape({ session: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    const at = { model: label, version: "1.2.0", channel: "api" };
    expect(delta("modelport_gateway_requests_total", { ...at, status_class: "2xx" })).toBe(4);
    expect(delta("modelport_gateway_requests_total", { ...at, status_class: "4xx" })).toBe(3);
    expect(delta("modelport_gateway_requests_total", { ...at, status_class: "5xx" })).toBe(0);
    expect(delta("modelport_gateway_errors_total", { ...at, code: "schema_validation_failed" })).toBe(3);
    expect(delta("modelport_gateway_request_duration_seconds_count", at)).toBe(7);
    expect(delta("modelport_gateway_request_duration_seconds_bucket", { ...at, le: "+Inf" })).toBe(7);
    // The state read at scrape time: recorder, roll-up lag, pool, ONNX sessions (this version's is loaded now).
    for (const metric of [
      "modelport_recorder_backlog",
      "modelport_recorder_commit_duration_seconds_count",
      "modelport_rollup_lag_seconds",
      "modelport_rollup_pending",
      "modelport_db_pool_waiting",
      "modelport_onnx_sessions",
    ])
      expect(after).toMatch(new RegExp(`^${metric} \\d`, "m"));
    expect(
      sample(after, "modelport_db_pool_connections", { state: "in_use" }) +
        sample(after, "modelport_db_pool_connections", { state: "idle" }),
    ).toBeGreaterThan(0);
    expect(Number(/^modelport_onnx_sessions (\d+)/m.exec(after)![1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^modelport_rollup_pending (\d+)/m.exec(after)![1])).toBeGreaterThanOrEqual(0);
    // Nothing else runs now: the scrape's own queries (the roll-up lag) must not show up as waiting for the pool.
    expect(after).toMatch(/^modelport_db_pool_waiting 0$/m);
    expect(Number(/^modelport_recorder_commit_duration_seconds_count (\d+)/m.exec(after)![1])).toBeGreaterThan(
      Number(/^modelport_recorder_commit_duration_seconds_count (\d+)/m.exec(before)?.[1] ?? 0),
    );
  });

  it("answers admins and metrics:read keys; 401 anonymous, 403 for everyone else, in the public error shape", async () => {
    const anonymous = await scrape();
    expect(anonymous.res.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({ error: { code: "unauthenticated", requestId: expect.any(String) } });
    for (const role of ["consumer", "publisher", "reviewer", "executive"] as const) {
      const refused = await scrape({ session: person(role) });
      expect([role, refused.res.status]).toEqual([role, 403]);
      expect(JSON.parse(refused.text).error.code).toBe("forbidden");
    }
    expect((await scrape({ session: person("admin") })).res.status).toBe(200);
    // A metrics:read key made by an admin reads; an invoke key (even an admin's) does not.
    const metricsKey = await createAppWithKey({ scopes: ["metrics:read"], creatorRole: "admin" });
    const scraped = await scrape({ key: metricsKey.secret });
    expect(scraped.res.status).toBe(200);
    expect(scraped.text).toContain("# TYPE modelport_gateway_requests_total counter");
    const invokeKey = await createAppWithKey({ scopes: ["invoke"], creatorRole: "admin" });
    const refused = await scrape({ key: invokeKey.secret });
    expect(refused.res.status).toBe(403);
    expect(JSON.parse(refused.text).error).toMatchObject({ code: "insufficient_scope", requestId: expect.any(String) });
    expect(JSON.parse(refused.text).error.message).toContain("metrics:read");
    // A key whose creator is no longer allowed (not an admin) does not read either.
    const stale = await createAppWithKey({ scopes: ["metrics:read"], creatorRole: "publisher" });
    expect((await scrape({ key: stale.secret })).res.status).toBe(403);
    expect((await scrape({ key: "mp_live_not_a_key" })).res.status).toBe(401);
  });

  it("lets admins mint metrics:read keys and nobody else (a key never does more than its creator)", async () => {
    const team = await createTeam();
    for (const role of ["admin", "publisher", "consumer"] as const) {
      const user = await createUser(role, team.id);
      const actor = { id: user.id, label: user.email };
      const app = await createApp({ user: { ...user, teamIds: [team.id] }, actor, data: { name: `app-${uid()}`, teamId: team.id } });
      const made = createApiKey({
        user: { ...user, teamIds: [team.id] },
        actor,
        appId: app.id,
        data: { name: "prometheus", scopes: ["metrics:read"] },
      });
      if (role === "admin") expect((await made).scopes).toEqual(["metrics:read"]);
      else await expect(made).rejects.toSatisfy((e) => e instanceof AppError && e.status === 403 && e.code === "scope_not_grantable");
    }
  });

  it("exposes every metric the Grafana dashboard and the alert rules in docs/operations.md use", async () => {
    const { text } = await scrape({ session: person("admin") });
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]));
    const dashboard = JSON.parse(readFileSync("docs/grafana-dashboard.json", "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(15);
    const rules = readFileSync("docs/operations.md", "utf8");
    const used = new Set([...[...exprs, rules].join("\n").matchAll(/\b((?:modelport|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]));
    const missing = [...used].filter((name) => !exposed.has(name.replace(/_(bucket|count|sum)$/, "")) && !exposed.has(name));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(12);
  });
});
