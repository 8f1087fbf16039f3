"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { api } from "@/lib/client/api";
import type { CollectionView } from "@/lib/collections/schemas";

const field = "rounded border border-slate-300 bg-white px-2 py-1";

/** Creates a collection, personal or for one of the user's teams, and opens it. */
export function CreateCollectionForm({ teams }: { teams: { slug: string; name: string }[] }) {
  const router = useRouter();
  const create = useMutation({
    mutationFn: (data: FormData) =>
      api.post<CollectionView>("/api/v1/collections", {
        title: data.get("title"),
        description: data.get("description"),
        visibility: data.get("visibility"),
        ...(data.get("owner") ? { team: data.get("owner") } : {}),
      }),
    onSuccess: (c) => router.push(`/collections/${c.id}`),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(new FormData(event.currentTarget));
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Create a collection"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
    >
      <label className="flex flex-col text-sm">
        <span className="font-medium">Title</span>
        <input name="title" required maxLength={120} className={field} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Owner</span>
        <select name="owner" className={field} defaultValue="">
          <option value="">Me</option>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              Team {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm sm:col-span-2">
        <span className="font-medium">Description (optional)</span>
        <input name="description" maxLength={2000} className={field} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Who can see it</span>
        <select name="visibility" className={field} defaultValue="private">
          <option value="private">Only the owner (private)</option>
          <option value="company">Everyone in the company</option>
        </select>
      </label>
      <div className="flex items-end">
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {create.isPending ? "Creating…" : "Create collection"}
        </button>
      </div>
      {create.isError && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
