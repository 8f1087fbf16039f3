import { describe, expect, it } from "vitest";
import { gatewayRequests, METRICS_JSON_HEADER } from "@/lib/server/metrics";
import { startMetricsServer } from "@/lib/server/metrics-server";

describe("the metrics listener (MODELPORT_METRICS_PORT)", () => {
  it("answers GET /metrics without authentication, on its own port only; anything else is 404", async () => {
    const listener = await startMetricsServer({ port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      expect(await res.text()).toContain("# TYPE modelport_gateway_request_duration_seconds histogram");
      // What this process counted is what it shows (the JSON form is what another process merges).
      gatewayRequests.inc({ model: "listener/test", version: "1.0.0", channel: "api", status_class: "2xx" }, 3);
      expect(await (await fetch(`http://127.0.0.1:${listener.port}/metrics`)).text()).toContain(
        'modelport_gateway_requests_total{model="listener/test",version="1.0.0",channel="api",status_class="2xx"} 3',
      );
      const json = (await (
        await fetch(`http://127.0.0.1:${listener.port}/metrics`, { headers: { [METRICS_JSON_HEADER]: "json" } })
      ).json()) as {
        name: string;
      }[];
      expect(json.map((m) => m.name)).toContain("modelport_gateway_requests_total");
      expect((await fetch(`http://127.0.0.1:${listener.port}/other`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${listener.port}/metrics`, { method: "POST" })).status).toBe(404);
    } finally {
      await listener.close();
    }
  });
});
