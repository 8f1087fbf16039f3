import Link from "next/link";
import { catalogHref, type CatalogParams } from "@/lib/catalog/catalog-url";

export function Pagination({ page, pageSize, total, params }: { page: number; pageSize: number; total: number; params: CatalogParams }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const link = "rounded border border-slate-200 bg-white px-3 py-1 hover:border-brand-500";
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-1.5 text-sm">
      {page > 1 && (
        <Link className={link} href={catalogHref(params, { page: String(Math.min(page - 1, pages)) })} rel="prev">
          ← Previous
        </Link>
      )}
      {around.map((p) =>
        p === page ? (
          <span key={p} aria-current="page" className="rounded bg-brand-600 px-3 py-1 text-white">
            {p}
          </span>
        ) : (
          <Link key={p} className={link} href={catalogHref(params, { page: String(p) })} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {page < pages && (
        <Link className={link} href={catalogHref(params, { page: String(page + 1) })} rel="next">
          Next →
        </Link>
      )}
    </nav>
  );
}
