"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/client/api";

/** Edits an app's allowed browser origins (one per line): the pages that may call the gateway with its keys. */
export function AllowedOriginsForm({ appId, appName, origins }: { appId: string; appName: string; origins: string[] }) {
  const router = useRouter();
  const [text, setText] = useState(origins.join("\n"));
  const save = useMutation({
    mutationFn: (allowedOrigins: string[]) =>
      api.patch<{ allowedOrigins: string[] }>(`/api/v1/apps/${encodeURIComponent(appId)}`, { allowedOrigins }),
    // The server answers with the origins as stored (normalised), which replace what was typed.
    onSuccess: (app) => {
      setText(app.allowedOrigins.join("\n"));
      router.refresh();
    },
  });
  const saved = save.data?.allowedOrigins;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      text
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label={`Allowed browser origins of ${appName}`}
      className="mt-3 space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">Allowed browser origins</span>
        <span className="text-slate-600">
          Web pages on these origins may call the gateway with this app&apos;s keys (CORS), one per line, like{" "}
          <code>https://shop.example.com</code> or <code>http://localhost:5173</code>. Everyone who opens such a page can read the key in
          it: give the page a key of its own, limited to the models it needs.
        </span>
        <textarea
          name="allowedOrigins"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1 font-mono"
          placeholder="https://app.example.com"
        />
      </label>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending}
          className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {save.isPending ? "Saving…" : "Save origins"}
        </button>
        {saved && (
          <span role="status" className="text-emerald-700">
            Saved{saved.length === 0 ? ": no browser origin may call with this app's keys." : "."}
          </span>
        )}
      </div>
      {save.isError && (
        <p role="alert" className="text-red-700">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
