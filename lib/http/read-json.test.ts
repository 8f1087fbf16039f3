// readJson applies the floor's input hygiene (lib/server/safe-input.ts) to every JSON body.
import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/http/read-body";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const post = (body: string) => new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/json" } });

describe("readJson", () => {
  it("readJson refuses NUL, lone surrogates and deep nesting with 400, and still 400 malformed JSON", async () => {
    await expect(readJson(post('{"name": "x\\u0000"}'))).rejects.toMatchObject({ code: "bad_request", status: 400 });
    await expect(readJson(post('{"name": "\\udfff"}'))).rejects.toMatchObject({ code: "bad_request" });
    await expect(readJson(post(nested(10_000)))).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/nested/) });
    await expect(readJson(post("{"))).rejects.toMatchObject({ code: "malformed_json" });
    await expect(readJson(post('{"name": "Grüße 😀"}'))).resolves.toEqual({ name: "Grüße 😀" });
  });
});
