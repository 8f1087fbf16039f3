// Builds /models URLs from the current search state, so every filter, sort and page is a plain link:
// shareable, and the browser's back button walks through the search history.

export type CatalogParams = Partial<
  Record<
    "q" | "task" | "framework" | "tag" | "team" | "license" | "runtime" | "visibility" | "status" | "health" | "sort" | "page" | "pageSize",
    string
  >
>;

const ORDER: (keyof CatalogParams)[] = [
  "q",
  "task",
  "framework",
  "tag",
  "team",
  "license",
  "runtime",
  "visibility",
  "status",
  "health",
  "sort",
  "page",
  "pageSize",
];

/** The /models URL for `current` with `change` applied (undefined removes a key); any change but paging resets the page. */
export function catalogHref(current: CatalogParams, change: CatalogParams): string {
  const next: CatalogParams = { ...current, ...change };
  if (!("page" in change)) delete next.page;
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = next[key];
    if (value !== undefined && value !== "" && !(key === "page" && value === "1")) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/models?${qs}` : "/models";
}

/** Reads the string values of a page's searchParams (the first of repeated keys). */
export function catalogParams(searchParams: Record<string, string | string[] | undefined>): CatalogParams {
  const out: CatalogParams = {};
  for (const key of ORDER) {
    const v = searchParams[key];
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}
