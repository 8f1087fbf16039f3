"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { CollectionView } from "@/lib/collections/schemas";

const small = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-40";

/** The owner's view of a collection's items: move up/down, edit a note, remove. */
export function CollectionItemsEditor({ collection }: { collection: CollectionView }) {
  const router = useRouter();
  const [items, setItems] = useState(collection.items);
  const base = `/api/v1/collections/${encodeURIComponent(collection.id)}/items`;
  const change = useMutation({
    mutationFn: (run: () => Promise<CollectionView>) => run(),
    onSuccess: (c) => {
      setItems(c.items);
      router.refresh();
    },
  });
  const move = (from: number, to: number) => {
    const order = items.map((i) => i.model.slug);
    const [slug] = order.splice(from, 1);
    order.splice(to, 0, slug as string);
    change.mutate(() => api.put<CollectionView>(base, { models: order }));
  };
  const saveNote = (slug: string) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "");
    change.mutate(() => api.post<CollectionView>(base, { model: slug, note }));
  };
  if (items.length === 0)
    return (
      <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">
        No models yet. Open a model in the{" "}
        <Link href="/models" className="text-brand-700 underline">
          catalog
        </Link>{" "}
        and use “Add to collection”.
      </p>
    );
  return (
    <div className="space-y-2">
      {change.isError && (
        <p role="alert" className="text-sm text-red-700">
          {change.error.message}
        </p>
      )}
      <ol aria-label="Models in this collection" className="space-y-3">
        {items.map((item, index) => (
          <li key={item.model.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="collection-item">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link href={`/models/${item.model.owner}/${item.model.name}`} className="font-semibold text-brand-700 hover:underline">
                  {index + 1}. {item.model.displayName}
                </Link>
                <p className="font-mono text-xs text-slate-500">{item.model.slug}</p>
              </div>
              <div className="flex shrink-0 gap-1">
                <button
                  type="button"
                  className={small}
                  disabled={index === 0 || change.isPending}
                  onClick={() => move(index, index - 1)}
                  aria-label={`Move ${item.model.slug} up`}
                >
                  ↑ Up
                </button>
                <button
                  type="button"
                  className={small}
                  disabled={index === items.length - 1 || change.isPending}
                  onClick={() => move(index, index + 1)}
                  aria-label={`Move ${item.model.slug} down`}
                >
                  ↓ Down
                </button>
                <button
                  type="button"
                  className={`${small} border-red-300 text-red-700`}
                  disabled={change.isPending}
                  onClick={() => change.mutate(() => api.del<CollectionView>(`${base}?model=${encodeURIComponent(item.model.slug)}`))}
                  aria-label={`Remove ${item.model.slug}`}
                >
                  Remove
                </button>
              </div>
            </div>
            <p className="mt-1 text-sm text-slate-600">{item.model.summary}</p>
            <form
              onSubmit={saveNote(item.model.slug)}
              className="mt-2 flex flex-wrap items-center gap-2"
              aria-label={`Note for ${item.model.slug}`}
            >
              <input
                name="note"
                defaultValue={item.note}
                key={item.note}
                maxLength={1000}
                placeholder="Why this model is here"
                className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
              />
              <button type="submit" className={small} disabled={change.isPending}>
                Save note
              </button>
            </form>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The owner's settings: title, description, visibility, and deleting the collection. */
export function CollectionSettings({ collection }: { collection: CollectionView }) {
  const router = useRouter();
  const path = `/api/v1/collections/${encodeURIComponent(collection.id)}`;
  const save = useMutation({
    mutationFn: (data: FormData) =>
      api.patch<CollectionView>(path, {
        title: data.get("title"),
        description: data.get("description"),
        visibility: data.get("visibility"),
      }),
    onSuccess: () => router.refresh(),
  });
  const remove = useMutation({ mutationFn: () => api.del(path), onSuccess: () => router.push("/collections") });
  return (
    <form
      aria-label="Collection settings"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(new FormData(e.currentTarget));
      }}
    >
      <label className="flex flex-col text-sm">
        <span className="font-medium">Title</span>
        <input
          name="title"
          required
          maxLength={120}
          defaultValue={collection.title}
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Who can see it</span>
        <select name="visibility" defaultValue={collection.visibility} className="rounded border border-slate-300 bg-white px-2 py-1">
          <option value="private">Only the owner (private)</option>
          <option value="company">Everyone in the company</option>
        </select>
      </label>
      <label className="flex flex-col text-sm sm:col-span-2">
        <span className="font-medium">Description</span>
        <input
          name="description"
          maxLength={2000}
          defaultValue={collection.description}
          className="rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          disabled={remove.isPending}
          onClick={() => window.confirm(`Delete the collection “${collection.title}”? The models stay in the catalog.`) && remove.mutate()}
          className="rounded border border-red-300 px-4 py-2 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
        >
          Delete collection
        </button>
        {save.isSuccess && (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
        {(save.isError || remove.isError) && (
          <span role="alert" className="text-sm text-red-700">
            {(save.error ?? remove.error)?.message}
          </span>
        )}
      </div>
    </form>
  );
}
