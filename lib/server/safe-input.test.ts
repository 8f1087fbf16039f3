import { describe, expect, it } from "vitest";
import { assertStorableRequestText, MAX_JSON_DEPTH, safeJson, unstorableText } from "@/lib/server/safe-input";

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

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

describe("assertStorableRequestText", () => {
  it("route parameters and query values", () => {
    expect(() => assertStorableRequestText({ owner: "a\u0000" }, new URLSearchParams())).toThrow(/path segment \{owner\} contains a NUL/);
    expect(() => assertStorableRequestText({}, new URLSearchParams("q=%00"))).toThrow(/query parameter q/);
    expect(() => assertStorableRequestText({ owner: "ok" }, new URLSearchParams("q=%C3%A9"))).not.toThrow();
  });
});
