// Budget spend in /metrics (issue 17): each budget's amount and the committed spend of its current period,
// read when the metrics are rendered.
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { db } from "@/lib/server/db";
import { renderMetrics } from "@/lib/server/metrics";

await import("@/lib/budgets/budget-metrics");
const { POST: invoke } = await import("@/app/api/v1/models/[owner]/[name]/invoke/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

/** The value of one sample in a Prometheus text exposition (NaN when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const parts = line.slice(name.length + 1, line.lastIndexOf("}")).split(",");
    if (wanted.every((w) => parts.includes(w)) && parts.length === wanted.length) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return Number.NaN;
}

describe("budget metrics", () => {
  it("shows each budget's amount and the committed spend of its current period", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { app, secret } = await createAppWithKey();
    const budget = await db.budget.create({ data: { appId: app.id, amountMicros: BigInt(5_000), period: "day", hardCap: true } });
    const labels = { budget: budget.id, scope: "app", name: app.name, period: "day", hard_cap: "true" };
    const scrape = async () => (await renderMetrics()).body;
    expect(sample(await scrape(), "modelport_budget_amount_micros", labels)).toBe(5_000);
    for (let i = 0; i < 3; i++) {
      const req = new NextRequest(`http://localhost/api/v1/models/${owner}/${name}/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify(iris.exampleInput),
      });
      expect((await invoke(req, { params: Promise.resolve({ owner, name }) })).status).toBe(200);
    }
    const spent = Number((await db.invocation.aggregate({ where: { appId: app.id }, _sum: { costMicros: true } }))._sum.costMicros);
    expect(spent).toBeGreaterThan(0);
    await expect.poll(async () => sample(await scrape(), "modelport_budget_spend_micros", labels)).toBe(spent);
  });
});
