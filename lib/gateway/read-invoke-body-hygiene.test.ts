// The invoke body reader applies the floor's input hygiene (lib/server/safe-input.ts) for both doors.
import { describe, expect, it } from "vitest";
import { invokeBodyOf, readInvokeBody } from "@/lib/gateway/read-invoke-body";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const post = (body: string) => new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/json" } });

describe("readInvokeBody", () => {
  it("readInvokeBody refuses a 10,000-deep body with 400 (both doors read through it)", async () => {
    await expect(readInvokeBody(invokeBodyOf(post(nested(10_000))))).rejects.toMatchObject({ code: "bad_request", status: 400 });
    await expect(readInvokeBody(invokeBodyOf(post('{"text": "a\\u0000"}')))).resolves.toMatchObject({ input: { text: "a\u0000" } });
  });
});
