"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { MY_APPS_KEY } from "@/components/apps/use-my-apps";
import { api } from "@/lib/client/api";

export type TeamOption = { id: string; name: string; businessUnit: string };

/** Creates an app for one of the user's teams (its business unit is charged for the app's calls). */
export function CreateAppForm({ teams }: { teams: TeamOption[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ data }: { data: FormData; form: HTMLFormElement }) =>
      api.post("/api/v1/apps", { name: data.get("name"), description: data.get("description"), teamId: data.get("teamId") }),
    onSuccess: (_app, { form }) => {
      form.reset();
      router.refresh();
      return queryClient.invalidateQueries({ queryKey: MY_APPS_KEY });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ data: new FormData(event.currentTarget), form: event.currentTarget });
  }

  if (teams.length === 0)
    return (
      <p className="text-sm text-slate-600">
        You are not in a team yet, so you cannot create apps. Ask an administrator to add you to one.
      </p>
    );
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Create an app"
    >
      <label className="flex flex-col text-sm">
        <span className="font-medium">App name</span>
        <input name="name" required minLength={2} maxLength={80} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Team</span>
        <select name="teamId" required className="rounded border border-slate-300 px-2 py-1">
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.businessUnit})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-1 flex-col text-sm">
        <span className="font-medium">Description (optional)</span>
        <input name="description" maxLength={500} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <button
        type="submit"
        disabled={create.isPending}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
      >
        {create.isPending ? "Creating…" : "Create app"}
      </button>
      {create.isError && (
        <p role="alert" className="w-full text-sm text-red-700">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
