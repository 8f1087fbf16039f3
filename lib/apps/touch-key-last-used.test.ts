import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushKeyTouches, TOUCH_EVERY_MS, touchKeyLastUsed } from "@/lib/apps/touch-key-last-used";
import { db } from "@/lib/server/db";
import { answerInvoke } from "@/gateway/invoke";
import { createAppWithKey, createModel, createVersion } from "@/lib/gateway/test-fixtures";
import { resolveKeyCaller } from "@/lib/http/resolve-key-caller";

const iris = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  exampleInput: unknown;
  inputSchema: object;
};
const lastUsed = async (id: string) => (await db.apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (!answerInvoke(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("a key's last use", () => {
  it("moves on an invoke call through the gateway and on any other authenticated call, refused or not", async () => {
    const { owner, name, model } = await createModel();
    await createVersion(model.id, { version: "1.0.0", status: "approved", inputSchema: iris.inputSchema });
    const invoker = await createAppWithKey();
    expect(await lastUsed(invoker.key.id)).toBeNull();
    const before = new Date();
    const res = await fetch(`${base}/api/v1/models/${owner}/${name}/invoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${invoker.secret}`, "content-type": "application/json" },
      body: JSON.stringify(iris.exampleInput),
    });
    expect(res.status).toBe(200);
    await flushKeyTouches();
    expect((await lastUsed(invoker.key.id))!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    // A read-only key calling a route that needs another scope: authenticated (then refused), so it was used.
    const reader = await createAppWithKey({ scopes: ["read"] });
    await expect(resolveKeyCaller(`Bearer ${reader.secret}`, "models:invoke")).rejects.toMatchObject({ code: "insufficient_scope" });
    await flushKeyTouches();
    expect(await lastUsed(reader.key.id)).not.toBeNull();
    // An unknown key touches nothing (and a revoked one is refused before).
    await expect(resolveKeyCaller("Bearer mp_00000000_notarealkeynotarealkeynotarealkey", "models:invoke")).rejects.toMatchObject({
      code: "invalid_api_key",
    });
  });

  it(`writes at most once per ${TOUCH_EVERY_MS / 1000} s per key`, async () => {
    const { key } = await createAppWithKey();
    const t0 = 1_000_000_000_000;
    touchKeyLastUsed(key.id, t0);
    await flushKeyTouches();
    expect(await lastUsed(key.id)).not.toBeNull();
    const old = new Date("2020-01-01T00:00:00Z");
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: old } });
    touchKeyLastUsed(key.id, t0 + TOUCH_EVERY_MS - 1);
    await flushKeyTouches();
    expect(await lastUsed(key.id)).toEqual(old);
    touchKeyLastUsed(key.id, t0 + TOUCH_EVERY_MS);
    await flushKeyTouches();
    expect((await lastUsed(key.id))!.getTime()).toBeGreaterThan(old.getTime());
  });
});
