"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { CollectionView } from "@/lib/collections/schemas";

type Option = { id: string; title: string };

/**
 * "Add to collection": pick one of the collections you may edit (or name a new personal one), add a note, add.
 * Adding a model already in the collection updates its note.
 */
export function AddToCollection({ slug, collections }: { slug: string; collections: Option[] }) {
  const router = useRouter();
  const NEW = "__new__";
  const [target, setTarget] = useState(collections[0]?.id ?? NEW);
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<CollectionView | null>(null);
  const add = useMutation({
    mutationFn: async () => {
      const id = target === NEW ? (await api.post<CollectionView>("/api/v1/collections", { title, visibility: "private" })).id : target;
      return api.post<CollectionView>(`/api/v1/collections/${encodeURIComponent(id)}/items`, { model: slug, note });
    },
    onSuccess: (c) => {
      setDone(c);
      setNote("");
      setTitle("");
      setTarget(c.id);
      router.refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    add.mutate();
  };
  const fieldClass = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Add to collection">
      <label className="block text-sm">
        <span className="text-slate-600">Collection</span>
        <select name="collection" value={target} onChange={(e) => setTarget(e.target.value)} className={fieldClass}>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
          <option value={NEW}>New collection…</option>
        </select>
      </label>
      {target === NEW && (
        <label className="block text-sm">
          <span className="text-slate-600">Title of the new collection (private to you; change it on its page)</span>
          <input name="title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} className={fieldClass} />
        </label>
      )}
      <label className="block text-sm">
        <span className="text-slate-600">Note (optional)</span>
        <input name="note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} className={fieldClass} />
      </label>
      <button
        type="submit"
        disabled={add.isPending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
      >
        {add.isPending ? "Adding…" : "Add to collection"}
      </button>
      {add.isError && (
        <p role="alert" className="text-sm text-red-700">
          {add.error.message}
        </p>
      )}
      {done && (
        <p role="status" className="text-sm text-emerald-700">
          Added to{" "}
          <Link href={`/collections/${done.id}`} className="underline">
            {done.title}
          </Link>
          .
        </p>
      )}
    </form>
  );
}
