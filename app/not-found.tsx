import type { Metadata } from "next";
import Link from "next/link";
import { SearchBox } from "@/components/catalog/search-box";

export const metadata: Metadata = { title: "Page not found" };

// Every unknown page, and every page that calls notFound() (a model that does not exist or is not visible).
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 sm:p-8">
      <p className="font-mono text-sm text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="text-slate-600">
        The link may be old, or the model may have been renamed or be visible only to its team. Search the catalog for what you were looking
        for:
      </p>
      <SearchBox id="not-found-q" />
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <li>
          <Link href="/models" className="text-brand-700 underline">
            Browse the catalog
          </Link>
        </li>
        <li>
          <Link href="/" className="text-brand-700 underline">
            Home page
          </Link>
        </li>
        <li>
          <Link href="/docs/api" className="text-brand-700 underline">
            API reference
          </Link>
        </li>
      </ul>
    </div>
  );
}
