import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/databases";
import type { Db } from "@/lib/server/db";

// A fresh database: the egress allow-list is global, and this file adds 127.0.0.1 to it.
let db: Db;
let receiver: http.Server;
let url = "";
const received: { body: string; signature: string | null; timestamp: string | null; event: string | null }[] = [];
let answer = 204;

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase({ asApp: true });
  db = (await import("@/lib/server/db")).db;
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const h = (n: string) => (typeof req.headers[n] === "string" ? (req.headers[n] as string) : null);
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: h("x-modelport-signature"),
        timestamp: h("x-modelport-timestamp"),
        event: h("x-modelport-event"),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

async function registerHook(events: string[]) {
  const { createWebhook } = await import("@/lib/governance/webhooks/manage-webhooks");
  const admin = await db.user.create({ data: { email: `admin-${Math.random()}@t.local`, name: "A", role: "admin" } });
  return createWebhook({ user: admin, actor: { id: admin.id, label: admin.email }, url, events });
}

describe("webhooks", () => {
  it("refuses to deliver to an internal address that is not allow-listed (SSRF), then delivers once allowed", async () => {
    const { enqueueWebhookEvent } = await import("@/lib/governance/webhooks/enqueue-event");
    const { processDueDeliveries } = await import("@/lib/governance/webhooks/process-deliveries");
    const hook = await registerHook(["version.approved"]);
    await enqueueWebhookEvent(db, "version.approved", { model: "t/m", version: "1.0.0" });
    const before = received.length;
    expect(await processDueDeliveries()).toBe(1);
    expect(received.length).toBe(before);
    const blocked = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(blocked).toMatchObject({ status: "pending", attempts: 1 });
    expect(blocked.lastError).toMatch(/allow-list/);

    await db.egressRule.create({ data: { pattern: "127.0.0.1/32", note: "test receiver" } });
    (await import("@/lib/server/net/egress-rules")).invalidateEgressAllowList();
    expect(await processDueDeliveries({ now: new Date(Date.now() + 31_000) })).toBe(1);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: blocked.id } })).status).toBe("delivered");
  });

  it("signs the body so a receiver can verify it, and a tampered body fails verification", async () => {
    const { enqueueWebhookEvent } = await import("@/lib/governance/webhooks/enqueue-event");
    const { processDueDeliveries } = await import("@/lib/governance/webhooks/process-deliveries");
    const { verifySignature } = await import("@/lib/governance/webhooks/sign");
    const hook = await registerHook(["access.decided"]);
    await enqueueWebhookEvent(db, "version.rejected", { ignored: true });
    await enqueueWebhookEvent(db, "access.decided", { requestId: "r1", decision: "approve" });
    const start = received.length;
    await processDueDeliveries();
    const got = received.slice(start).filter((r) => r.event === "access.decided");
    expect(got).toHaveLength(1);
    const { body, signature, timestamp } = got[0];
    expect(JSON.parse(body)).toMatchObject({ event: "access.decided", data: { requestId: "r1" } });
    expect(verifySignature({ secret: hook.secret, body, signature, timestamp })).toBe(true);
    expect(verifySignature({ secret: hook.secret, body: body.replace("approve", "deny"), signature, timestamp })).toBe(false);
    expect(verifySignature({ secret: "whsec_wrong", body, signature, timestamp })).toBe(false);
    expect(verifySignature({ secret: hook.secret, body, signature, timestamp, now: Date.now() + 3_600_000 })).toBe(false);
  });

  it("retries a failing receiver with exponential backoff and gives up after the last attempt", async () => {
    const { enqueueWebhookEvent } = await import("@/lib/governance/webhooks/enqueue-event");
    const { processDueDeliveries, MAX_ATTEMPTS } = await import("@/lib/governance/webhooks/process-deliveries");
    const hook = await registerHook(["version.retired"]);
    await enqueueWebhookEvent(db, "version.retired", { version: "0.1.0" });
    answer = 500;
    try {
      let now = Date.now();
      const delays: number[] = [];
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await processDueDeliveries({ now: new Date(now) });
        const d = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
        expect(d.attempts).toBe(i);
        expect(d.lastStatusCode).toBe(500);
        if (i < MAX_ATTEMPTS) {
          expect(d.status).toBe("pending");
          delays.push(d.nextAttemptAt!.getTime() - now);
          // Not due before its backoff has passed.
          expect(await processDueDeliveries({ now: new Date(d.nextAttemptAt!.getTime() - 1000) })).toBe(0);
          now = d.nextAttemptAt!.getTime();
        } else {
          expect(d.status).toBe("failed");
        }
      }
      expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    } finally {
      answer = 204;
    }
  });
});
