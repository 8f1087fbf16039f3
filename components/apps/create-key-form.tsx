"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { SecretDialog } from "@/components/apps/secret-dialog";
import { MY_APPS_KEY } from "@/components/apps/use-my-apps";
import { rememberSessionKey } from "@/components/snippets/session-keys";
import { api } from "@/lib/client/api";
import type { CreatedKey } from "@/lib/apps/schemas";

export type ScopeOption = { value: string; hint: string };

/**
 * Creates a key for an app; the secret is shown once in a dialog and kept only in this tab. `scopes` are the
 * ones the signed-in user's role may grant (the server refuses any other).
 */
export function CreateKeyForm({ appId, appName, scopes }: { appId: string; appName: string; scopes: ScopeOption[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<CreatedKey>(`/api/v1/apps/${encodeURIComponent(appId)}/keys`, body),
    onSuccess: (key) => {
      rememberSessionKey({ prefix: key.prefix, name: `${appName} / ${key.name}`, secret: key.secret });
      return queryClient.invalidateQueries({ queryKey: MY_APPS_KEY });
    },
  });
  // The secret is shown once, until the dialog is closed.
  const created = create.data ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get("expiresAt") ?? "");
    const models = String(data.get("models") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    create.mutate(
      {
        name: data.get("name"),
        scopes: data.getAll("scopes"),
        models,
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <>
      <form
        onSubmit={submit}
        aria-label={`Create a key for ${appName}`}
        className="mt-3 grid gap-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm sm:grid-cols-2"
      >
        <label className="flex flex-col">
          <span className="font-medium">Key name</span>
          <input name="name" required minLength={2} maxLength={80} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Expires on (optional)</span>
          <input name="expiresAt" type="date" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="font-medium">Scopes</legend>
          {scopes.map((s) => (
            <label key={s.value} className="flex items-center gap-1">
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === "invoke"} />
              {s.value} <span className="text-slate-500">({s.hint})</span>
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col">
          <span className="font-medium">Only these models (optional, owner/name, comma-separated)</span>
          <input name="models" placeholder="e.g. risk-team/churn" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={create.isPending}
            className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          >
            {create.isPending ? "Creating…" : "Create key"}
          </button>
          {create.isError && (
            <p role="alert" className="mt-1 text-red-700">
              {create.error.message}
            </p>
          )}
        </div>
      </form>
      {created && (
        <SecretDialog
          secret={created.secret}
          name={created.name}
          onClose={() => {
            create.reset();
            router.refresh();
          }}
        />
      )}
    </>
  );
}
