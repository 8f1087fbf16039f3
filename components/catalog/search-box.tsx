import type { CatalogParams } from "@/lib/catalog/catalog-url";

/**
 * A plain GET form to /models: works without JavaScript, and each search is a navigation (shareable URL,
 * back button). Active filters ride along as hidden fields; a new search starts on page 1.
 */
export function SearchBox({
  params = {},
  id = "catalog-q",
  autoFocus = false,
}: {
  params?: CatalogParams;
  id?: string;
  autoFocus?: boolean;
}) {
  const keep = (["task", "framework", "tag", "team", "license", "runtime", "visibility", "status", "sort"] as const).filter(
    (k) => params[k],
  );
  return (
    <form action="/models" role="search" className="flex w-full max-w-2xl gap-2">
      <label htmlFor={id} className="sr-only">
        Search models
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={params.q ?? ""}
        autoFocus={autoFocus}
        placeholder="Search models, e.g. sentiment, fraud, iris"
        className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900"
      />
      {keep.map((k) => (
        <input key={k} type="hidden" name={k} value={params[k]} />
      ))}
      <button className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">Search</button>
    </form>
  );
}
