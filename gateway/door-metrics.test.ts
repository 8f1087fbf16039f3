// The door answers key-authenticated invoke calls in its own process, so its counters live there. Its GET /metrics
// (public port, authorised by Next's route) and its metrics listener (MODELPORT_METRICS_PORT) answer for the
// whole installation: the door's figures merged with Next's. The door runs as a real process here; where Next
// would be, this test serves the real /metrics route handler and a metrics listener of its own process.
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { freePort } from "@/lib/server/embedded-postgres";
import { gatewayRequests } from "@/lib/server/metrics";
import { startMetricsServer, type MetricsServer } from "@/lib/server/metrics-server";
import { startDoor, type DoorProcess } from "@/test/door-process";
import { serveFetch } from "@/test/serve-fetch";

// No session here (Next's session lookup needs Next's request scope); the keys are real.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const { GET: metricsRoute } = await import("@/app/metrics/route");
const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as { exampleInput: unknown };

let next: Awaited<ReturnType<typeof serveFetch>>;
let nextListener: MetricsServer;
let door: DoorProcess;
let metricsPort = 0;
beforeAll(async () => {
  next = await serveFetch("/metrics", { GET: (req) => metricsRoute(new NextRequest(req), { params: Promise.resolve({}) }) });
  nextListener = await startMetricsServer({ port: 0 });
  metricsPort = await freePort();
  door = await startDoor({
    nextPort: Number(new URL(next.url).port),
    env: { MODELPORT_METRICS_PORT: String(metricsPort), MODELPORT_NEXT_METRICS_PORT: String(nextListener.port) },
  });
});
afterAll(async () => {
  await door?.stop();
  await nextListener?.close();
  await next?.close();
});

const count = (text: string, labels: string) =>
  Number(new RegExp(`^modelport_gateway_requests_total\\{${labels.replace(/[/.]/g, "\\$&")}\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);

describe("the door's metrics", () => {
  it("counts the calls the door answers and merges Next's figures, behind the same authorisation", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved" });
    const { secret } = await createAppWithKey();
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${door.url}/api/v1/models/${owner}/${name}/invoke`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify(iris.exampleInput),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    // A call Next answered (in this test: this process), e.g. through the MCP door.
    gatewayRequests.inc({ model: `${owner}/${name}`, version: "1.0.0", channel: "mcp", status_class: "2xx" }, 2);
    const doorCalls = `model="${owner}/${name}",version="1.0.0",channel="api",status_class="2xx"`;
    const nextCalls = `model="${owner}/${name}",version="1.0.0",channel="mcp",status_class="2xx"`;

    const { secret: scraper } = await createAppWithKey({ scopes: ["metrics:read"], creatorRole: "admin" });
    const scraped = await fetch(`${door.url}/metrics`, { headers: { authorization: `Bearer ${scraper}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const text = await scraped.text();
    expect([count(text, doorCalls), count(text, nextCalls)]).toEqual([3, 2]);
    expect(text.match(/^# TYPE modelport_gateway_requests_total counter$/gm)).toHaveLength(1);

    // The listener on MODELPORT_METRICS_PORT: no authentication, the same merged figures.
    const open = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect([count(open, doorCalls), count(open, nextCalls)]).toEqual([3, 2]);

    // Refusals come from Next's route, in the public error shape.
    const anonymous = await fetch(`${door.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const wrongScope = await fetch(`${door.url}/metrics`, { headers: { authorization: `Bearer ${secret}` } });
    expect(wrongScope.status).toBe(403);
    expect(((await wrongScope.json()) as { error: { code: string; requestId: string } }).error).toMatchObject({
      code: "insufficient_scope",
      requestId: expect.stringMatching(/^req_/),
    });
  });
});
