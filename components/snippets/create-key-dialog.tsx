"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { TeamOption } from "@/components/apps/create-app-form";
import { MY_APPS_KEY, useMyApps } from "@/components/apps/use-my-apps";
import { CopyButton } from "@/components/snippets/copy-button";
import { rememberSessionKey } from "@/components/snippets/session-keys";
import { api } from "@/lib/client/api";
import type { AppView, CreatedKey } from "@/lib/apps/schemas";

export type KeyDialogContext = { model: string; gated: boolean; teams: TeamOption[] };

/**
 * "Create a key for this snippet": pick one of your apps (or name a new one), get an invoke key for this
 * model, and every snippet on the page uses it at once. The secret is shown here once, like on My apps.
 */
export function CreateKeyDialog({
  context,
  onCreated,
  onClose,
}: {
  context: KeyDialogContext;
  onCreated: (secret: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const queryClient = useQueryClient();
  const apps = useMyApps(true);
  const [choice, setChoice] = useState<string>("");
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const list = apps.data ?? [];
  const app = choice || (list[0]?.id ?? "new");
  const modelName = context.model.split("/")[1] ?? context.model;

  // The key for an existing app, or for a new app created first.
  const create = useMutation({
    mutationFn: async (data: FormData): Promise<CreatedKey & { app: string }> => {
      let target: Pick<AppView, "id" | "name"> | undefined = list.find((a) => a.id === app);
      if (app === "new") {
        const made = await api.post<AppView>("/api/v1/apps", { name: data.get("appName"), teamId: data.get("teamId") });
        // Should the key fail, a retry uses this app instead of creating it again.
        queryClient.setQueryData<AppView[]>(MY_APPS_KEY, (old) => [...(old ?? []), made]);
        setChoice(made.id);
        target = made;
      }
      if (!target) throw new Error("Pick an app.");
      const onlyThis = data.get("onlyThisModel") === "on";
      const key = await api.post<CreatedKey>(`/api/v1/apps/${encodeURIComponent(target.id)}/keys`, {
        name: data.get("keyName"),
        scopes: ["invoke"],
        models: onlyThis ? [context.model] : [],
      });
      rememberSessionKey({ prefix: key.prefix, name: `${target.name} / ${key.name}`, secret: key.secret });
      return { ...key, app: target.name };
    },
    onSuccess: async (key) => {
      await queryClient.invalidateQueries({ queryKey: MY_APPS_KEY });
      onCreated(key.secret);
    },
  });
  const created = create.data;
  const busy = create.isPending;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(new FormData(event.currentTarget));
  }

  const field = "rounded border border-slate-300 px-2 py-1";
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="key-dialog-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="key-dialog-title" className="text-lg font-semibold">
        {created ? `API key “${created.name}” created` : "Create a key for this snippet"}
      </h2>
      {created ? (
        <div className="mt-2 space-y-3 text-sm">
          <p className="font-medium text-amber-800">
            Copy it now: you won&apos;t see it again. Modelport stores only its prefix and a hash.
          </p>
          <div className="flex items-center gap-2">
            <code data-testid="new-key-secret" className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 font-mono">
              {created.secret}
            </code>
            <CopyButton text={created.secret} label="Copy key" />
          </div>
          <p className="text-slate-700">
            Every snippet on this page now uses it (app {created.app}); copying a snippet copies the key with it. It stays available to the
            snippets in this browser tab until you close it.
          </p>
          <form method="dialog" className="text-right">
            <button className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white">Back to the snippets</button>
          </form>
        </div>
      ) : (
        <form onSubmit={submit} className="mt-3 space-y-3 text-sm" aria-label="Create a key for this snippet">
          <p className="text-slate-600">An API key belongs to an app: its team&apos;s business unit is charged for the key&apos;s calls.</p>
          {apps.isPending ? (
            <p className="text-slate-500">Loading your apps…</p>
          ) : list.length === 0 && context.teams.length === 0 ? null : (
            <div className="flex flex-col">
              {/* A label beside (not around) the select: its name must not include the chosen option's text. */}
              <label htmlFor={`${ids}-app`} className="font-medium">
                App
              </label>
              <select id={`${ids}-app`} name="app" value={app} onChange={(e) => setChoice(e.target.value)} className={field}>
                {list.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.team.name})
                  </option>
                ))}
                {context.teams.length > 0 && <option value="new">New app…</option>}
              </select>
            </div>
          )}
          {app === "new" &&
            !apps.isPending &&
            (context.teams.length === 0 ? (
              <p role="alert" className="text-red-700">
                You are not in a team yet, so you cannot create apps. Ask an administrator to add you to one.
              </p>
            ) : (
              <div className="grid gap-3 sm:grid-cols-2">
                <label className="flex flex-col">
                  <span className="font-medium">New app name</span>
                  <input name="appName" required minLength={2} maxLength={80} className={field} />
                </label>
                <div className="flex flex-col">
                  <label htmlFor={`${ids}-team`} className="font-medium">
                    Team
                  </label>
                  <select id={`${ids}-team`} name="teamId" required className={field}>
                    {context.teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name} ({t.businessUnit})
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            ))}
          <label className="flex flex-col">
            <span className="font-medium">Key name</span>
            <input name="keyName" required minLength={2} maxLength={80} defaultValue={`${modelName} snippet`} className={field} />
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="onlyThisModel" defaultChecked />
            <span>
              Only for {context.model} <span className="text-slate-500">(scope invoke)</span>
            </span>
          </label>
          {context.gated && (
            <p className="rounded bg-amber-50 px-2 py-1 text-amber-900">
              This model is gated: calls succeed once the app has been granted access.
            </p>
          )}
          {apps.isError && (
            <p role="alert" className="text-red-700">
              {apps.error.message}
            </p>
          )}
          {create.isError && (
            <p role="alert" className="text-red-700">
              {create.error.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => ref.current?.close()} className="rounded border border-slate-300 px-3 py-1.5">
              Cancel
            </button>
            <button
              type="submit"
              disabled={busy || apps.isPending || (app === "new" && context.teams.length === 0)}
              className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50"
            >
              {busy ? "Creating…" : "Create key"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
