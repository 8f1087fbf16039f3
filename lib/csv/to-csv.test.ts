import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/csv/to-csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", `"'\r=1+1"`],
  ])("neutralises %j", (input, expected) => expect(csvCell(input)).toBe(expected));

  it("leaves numbers (also as decimal text) and ordinary text alone, and quotes per RFC 4180", () => {
    expect([-5, 12n, "-1.500000", "42", "plain", "a,b", 'say "hi"', "two\nlines", null, undefined, true].map(csvCell)).toEqual([
      "-5",
      "12",
      "-1.500000",
      "42",
      "plain",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "",
      "",
      "true",
    ]);
    expect(csvCell({ role: "=cmd" })).toBe('"{""role"":""=cmd""}"');
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF-terminated rows", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x", 1],
          ["=y", null],
        ],
      ),
    ).toBe("a,b\r\nx,1\r\n'=y,\r\n");
  });
});
