import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CollectionItemsEditor, CollectionSettings } from "@/components/collections/collection-editor";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { curateViewerOf } from "@/lib/collections/curate-viewer";
import { getCollection } from "@/lib/collections/get-collection";
import { collectionIdParams } from "@/lib/collections/schemas";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Collection" };
export const dynamic = "force-dynamic";

export default async function CollectionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("catalog:curate");
  const parsed = collectionIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const collection = await getCollection({ viewer: curateViewerOf(principalOfUser(user)), id: parsed.data.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/collections" className="hover:underline">
          Collections
        </Link>{" "}
        / {collection.title}
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{collection.title}</h1>
        <p className="text-sm text-slate-500">
          {collection.owner.kind === "team" ? `Team ${collection.owner.name}` : collection.owner.name} ·{" "}
          {collection.visibility === "private" ? "private" : "visible to everyone in the company"}
        </p>
        {collection.description && <p className="max-w-3xl text-slate-700">{collection.description}</p>}
      </header>
      {collection.canEdit ? (
        <>
          <CollectionItemsEditor collection={collection} />
          <section aria-labelledby="settings-title" className="space-y-2">
            <h2 id="settings-title" className="text-lg font-semibold">
              Settings
            </h2>
            <CollectionSettings collection={collection} />
          </section>
        </>
      ) : collection.items.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">This collection has no models you can see.</p>
      ) : (
        <ol aria-label="Models in this collection" className="space-y-3">
          {collection.items.map((item, index) => (
            <li key={item.model.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="collection-item">
              <Link href={`/models/${item.model.owner}/${item.model.name}`} className="font-semibold text-brand-700 hover:underline">
                {index + 1}. {item.model.displayName}
              </Link>
              <p className="font-mono text-xs text-slate-500">{item.model.slug}</p>
              {item.note && <p className="mt-1 text-sm text-slate-800">{item.note}</p>}
              <p className="mt-1 text-sm text-slate-600">{item.model.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
