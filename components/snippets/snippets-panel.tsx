"use client";

import { useState } from "react";
import { CopyButton } from "@/components/snippets/copy-button";
import { CreateKeyDialog, type KeyDialogContext } from "@/components/snippets/create-key-dialog";
import { KeyPicker } from "@/components/snippets/key-picker";
import { maskKey } from "@/components/snippets/session-keys";
import { KEY_SLOT, type SnippetView } from "@/lib/snippets/key-slot";

/**
 * Client snippets by language, pinned or range form, copyable, optionally with one of the user's keys —
 * including one created right here (`keyDialog`: for users who may manage apps).
 */
export function SnippetsPanel({
  snippets,
  signedIn,
  keyDialog,
}: {
  snippets: SnippetView[];
  signedIn: boolean;
  keyDialog?: KeyDialogContext | null;
}) {
  const targets = [...new Map(snippets.map((s) => [s.target, s.label])).entries()];
  const [target, setTarget] = useState(targets[0]?.[0] ?? "shell");
  const [form, setForm] = useState<"pinned" | "range">("pinned");
  const [key, setKey] = useState<string | null>(null);
  const [reveal, setReveal] = useState(false);
  const [creating, setCreating] = useState(false);
  if (snippets.length === 0) return null;

  // A language that has only one form (the Open Inference Protocol pins the version in its path) shows that one, and says so.
  const snippet = snippets.find((s) => s.target === target && s.form === form) ?? snippets.find((s) => s.target === target) ?? snippets[0];
  const withKey = (secret: string) => snippet.template.replaceAll(KEY_SLOT, secret);
  const shown = key ? withKey(reveal ? key : maskKey(key)) : snippet.code;
  const copied = key ? withKey(key) : snippet.code;
  const versions = Object.fromEntries(snippets.map((s) => [s.form, s.version]));

  return (
    <section aria-labelledby="snippets-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="snippets-title" className="text-lg font-semibold">
        Call it from your code
      </h2>
      <p className="text-sm text-slate-600">
        Snippets read the key from the <code>MODELPORT_API_KEY</code> environment variable
        {keyDialog ? (
          ", or use a key created for them here."
        ) : (
          <>
            . Create a key under{" "}
            <a className="underline" href="/apps">
              My apps
            </a>
            .
          </>
        )}
      </p>
      {keyDialog && (
        <button
          type="button"
          onClick={() => setCreating(true)}
          className="mt-2 rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white"
        >
          Create a key for this snippet
        </button>
      )}
      {creating && keyDialog && (
        <CreateKeyDialog
          context={keyDialog}
          onCreated={(secret) => {
            setKey(secret);
            setReveal(false);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      <div role="radiogroup" aria-label="Version form" className="mt-3 flex gap-4 text-sm">
        {(["pinned", "range"] as const)
          .filter((f) => versions[f])
          .map((f) => (
            <label key={f} className="flex items-center gap-1">
              <input type="radio" name="snippet-form" checked={form === f} onChange={() => setForm(f)} />
              {f === "pinned" ? `Pinned to ${versions[f]}` : `Compatible updates (${versions[f]})`}
            </label>
          ))}
      </div>
      <div role="tablist" aria-label="Language" className="mt-3 flex flex-wrap gap-1 border-b border-slate-200">
        {targets.map(([t, label]) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={t === target}
            aria-controls="snippet-code"
            onClick={() => setTarget(t)}
            className={`rounded-t px-2 py-1 text-sm ${t === target ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {label}
          </button>
        ))}
      </div>
      {snippet.form !== form && (
        <p role="note" className="mt-2 text-xs text-slate-600">
          {snippet.label} has no version ranges: this snippet is pinned to {snippet.version}.
        </p>
      )}
      <div id="snippet-code" role="tabpanel" aria-label={snippet.label} className="relative mt-2">
        <div className="absolute right-2 top-2 flex gap-2">
          {key && (
            <button type="button" onClick={() => setReveal(!reveal)} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs">
              {reveal ? "Hide key" : "Reveal key"}
            </button>
          )}
          <CopyButton text={copied} label={`Copy ${snippet.label}`} />
        </div>
        <pre data-testid="snippet-code" className="max-h-96 overflow-auto rounded bg-slate-900 p-3 pt-10 text-xs text-slate-100">
          <code>{shown}</code>
        </pre>
      </div>
      {signedIn && (
        <div className="mt-3">
          <KeyPicker
            value={key}
            onChange={(k) => {
              setKey(k);
              setReveal(false);
            }}
          />
        </div>
      )}
    </section>
  );
}
