import Link from "next/link";
import { AddToCollection } from "@/components/collections/add-to-collection";
import { getCurrentUser } from "@/lib/auth/current-user";
import { principalOfUser } from "@/lib/auth/principal";
import { curateViewerOf } from "@/lib/collections/curate-viewer";
import { listCollections } from "@/lib/collections/list-collections";

/**
 * The model page's collections box: the collections holding this model that the viewer may see, and the
 * "Add to collection" form for the ones they may edit. Visitors are asked to sign in.
 */
export async function ModelCollectionsPanel({ slug }: { slug: string }) {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <section aria-labelledby="collections-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="collections-title" className="mb-2 font-semibold">
          Collections
        </h2>
        <p className="text-sm text-slate-600">
          <Link href="/signin" className="text-brand-700 underline">
            Sign in
          </Link>{" "}
          to star this model and keep it in collections.
        </p>
      </section>
    );
  }
  const viewer = curateViewerOf(principalOfUser(user));
  const [holding, mine] = await Promise.all([listCollections({ viewer, model: slug }), listCollections({ viewer, mine: true })]);
  return (
    <section aria-labelledby="collections-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="collections-title" className="font-semibold">
        Collections
      </h2>
      {holding.length === 0 ? (
        <p className="text-sm text-slate-500">In no collection you can see yet.</p>
      ) : (
        <ul aria-label="Collections holding this model" className="space-y-1 text-sm">
          {holding.map((c) => (
            <li key={c.id}>
              <Link href={`/collections/${c.id}`} className="text-brand-700 hover:underline">
                {c.title}
              </Link>{" "}
              <span className="text-slate-500">
                · {c.owner.name}
                {c.visibility === "private" ? " · private" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <AddToCollection slug={slug} collections={mine.map((c) => ({ id: c.id, title: c.title }))} />
    </section>
  );
}
