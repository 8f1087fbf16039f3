import { describe, expect, it } from "vitest";
import { catalogHref, catalogParams } from "@/lib/catalog/catalog-url";

describe("catalogHref", () => {
  it("adds and removes filters, resetting the page", () => {
    expect(catalogHref({ q: "iris", page: "3" }, { task: "regression" })).toBe("/models?q=iris&task=regression");
    expect(catalogHref({ q: "iris", task: "regression" }, { task: undefined })).toBe("/models?q=iris");
    expect(catalogHref({}, {})).toBe("/models");
  });

  it("keeps the filters when paging and encodes values", () => {
    expect(catalogHref({ q: "a b&c", tag: "nlp" }, { page: "2" })).toBe("/models?q=a+b%26c&tag=nlp&page=2");
    expect(catalogHref({ q: "x", page: "2" }, { page: "1" })).toBe("/models?q=x");
  });

  it("reads search params, ignoring unknown keys and empty values", () => {
    expect(catalogParams({ q: ["iris", "x"], task: "", evil: "1", page: "2" })).toEqual({ q: "iris", page: "2" });
  });
});
