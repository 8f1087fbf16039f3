import { describe, expect, it } from "vitest";
import { invokeBodyOf, readInvokeBody } from "@/lib/gateway/read-invoke-body";
import { readJson } from "@/lib/http/read-body";
import { assertStorableRequestText, MAX_JSON_DEPTH, safeJson, unstorableText } from "@/lib/server/safe-input";
import { parseSemver } from "@/lib/publishing/check-semver";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const post = (body: string) => new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": "application/json" } });

describe("unstorableText", () => {
  it("finds NUL and unpaired surrogates, and nothing in ordinary or astral text", () => {
    expect(unstorableText("a\u0000b")).toMatch(/NUL/);
    expect(unstorableText("x\ud800")).toMatch(/surrogate/);
    expect(unstorableText("\udc00x")).toMatch(/surrogate/);
    expect(unstorableText("\udbff\udbff\udc00")).toMatch(/surrogate/);
    for (const ok of ["", "plain", "é ü 漢", "emoji 😀", "tab\tnewline\n"]) expect(unstorableText(ok)).toBeNull();
  });
});

describe("safeJson", () => {
  it("accepts up to MAX_JSON_DEPTH levels and refuses deeper ones, without recursing", () => {
    expect(safeJson(JSON.parse(nested(MAX_JSON_DEPTH)))).toBeTruthy();
    expect(() => safeJson(JSON.parse(nested(MAX_JSON_DEPTH + 1)))).toThrow(expect.objectContaining({ code: "bad_request", status: 400 }));
    expect(() => safeJson(JSON.parse(nested(1_000_000)))).toThrow(/nested more than 64 levels/);
    expect(() => safeJson(JSON.parse(`{"a":${nested(100)}}`), { text: false })).toThrow(/nested/);
  });

  it("names the field whose string or key cannot be stored", () => {
    expect(() => safeJson(JSON.parse('{"card": {"title": "a\\u0000b"}}'))).toThrow(/body\.card\.title contains a NUL/);
    expect(() => safeJson(JSON.parse('{"tags": ["ok", "\\ud83d"]}'))).toThrow(/body\.tags\[1\] contains an unpaired/);
    expect(() => safeJson(JSON.parse('{"k\\u0000": 1}'))).toThrow(/A key in body contains a NUL/);
    expect(safeJson(JSON.parse('{"t": "\\u0000"}'), { text: false })).toEqual({ t: "\u0000" });
  });
});

describe("request readers", () => {
  it("readJson refuses NUL, lone surrogates and deep nesting with 400, and still 400 malformed JSON", async () => {
    await expect(readJson(post('{"name": "x\\u0000"}'))).rejects.toMatchObject({ code: "bad_request", status: 400 });
    await expect(readJson(post('{"name": "\\udfff"}'))).rejects.toMatchObject({ code: "bad_request" });
    await expect(readJson(post(nested(10_000)))).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/nested/) });
    await expect(readJson(post("{"))).rejects.toMatchObject({ code: "malformed_json" });
    await expect(readJson(post('{"name": "Grüße 😀"}'))).resolves.toEqual({ name: "Grüße 😀" });
  });

  it("readInvokeBody refuses a 10,000-deep body with 400 (both doors read through it)", async () => {
    await expect(readInvokeBody(invokeBodyOf(post(nested(10_000))))).rejects.toMatchObject({ code: "bad_request", status: 400 });
    await expect(readInvokeBody(invokeBodyOf(post('{"text": "a\\u0000"}')))).resolves.toMatchObject({ input: { text: "a\u0000" } });
  });

  it("route parameters and query values", () => {
    expect(() => assertStorableRequestText({ owner: "a\u0000" }, new URLSearchParams())).toThrow(/path segment \{owner\} contains a NUL/);
    expect(() => assertStorableRequestText({}, new URLSearchParams("q=%00"))).toThrow(/query parameter q/);
    expect(() => assertStorableRequestText({ owner: "ok" }, new URLSearchParams("q=%C3%A9"))).not.toThrow();
  });
});

describe("parseSemver", () => {
  it("refuses parts above the integer column's range with 422 invalid_semver", () => {
    expect(parseSemver("1.2.2147483647").patch).toBe(2147483647);
    for (const v of ["1.2.3000000000", "2147483648.0.0", "0.4294967296.1"]) {
      expect(() => parseSemver(v)).toThrow(expect.objectContaining({ code: "invalid_semver", status: 422 }));
    }
  });
});
