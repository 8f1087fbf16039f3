"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/apps/api-request";

export type TeamOption = { id: string; name: string; businessUnit: string };

/** Creates an app for one of the user's teams (its business unit is charged for the app's calls). */
export function CreateAppForm({ teams }: { teams: TeamOption[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      await apiRequest("/api/v1/apps", { method: "POST", body: { name: data.get("name"), description: data.get("description"), teamId: data.get("teamId") } });
      form.reset();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (teams.length === 0) return <p className="text-sm text-slate-600">You are not in a team yet, so you cannot create apps. Ask an administrator to add you to one.</p>;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Create an app">
      <label className="flex flex-col text-sm">
        <span className="font-medium">App name</span>
        <input name="name" required minLength={2} maxLength={80} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">Team</span>
        <select name="teamId" required className="rounded border border-slate-300 px-2 py-1">
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.businessUnit})</option>)}
        </select>
      </label>
      <label className="flex flex-1 flex-col text-sm">
        <span className="font-medium">Description (optional)</span>
        <input name="description" maxLength={500} className="rounded border border-slate-300 px-2 py-1" />
      </label>
      <button type="submit" disabled={busy} className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
        {busy ? "Creating…" : "Create app"}
      </button>
      {error && <p role="alert" className="w-full text-sm text-red-700">{error}</p>}
    </form>
  );
}
