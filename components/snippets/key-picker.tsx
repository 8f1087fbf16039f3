"use client";

import { useMemo, useState, useSyncExternalStore } from "react";
import { maskKey, readSessionKeys, sessionKeysStore } from "@/components/snippets/session-keys";

/**
 * Lets a signed-in user put one of their keys into the snippets: one created in this tab, or a pasted
 * one (kept in memory only). The portal never has the secret of an existing key to offer.
 */
export function KeyPicker({ value, onChange }: { value: string | null; onChange: (secret: string | null) => void }) {
  const raw = useSyncExternalStore(sessionKeysStore.subscribe, sessionKeysStore.snapshot, sessionKeysStore.serverSnapshot);
  const sessionKeys = useMemo(() => readSessionKeys(raw), [raw]);
  const [pasted, setPasted] = useState("");
  const valid = (s: string) => /^mp_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}$/.test(s.trim());

  return (
    <fieldset className="flex flex-wrap items-end gap-3 text-sm">
      <legend className="mb-1 font-medium">Use one of your keys in the snippets</legend>
      {sessionKeys.length > 0 && (
        <label className="flex flex-col">
          <span className="text-slate-600">Created in this tab</span>
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={sessionKeys.find((k) => k.secret === value)?.prefix ?? ""}
            onChange={(e) => onChange(sessionKeys.find((k) => k.prefix === e.target.value)?.secret ?? null)}
          >
            <option value="">— none —</option>
            {sessionKeys.map((k) => (
              <option key={k.prefix} value={k.prefix}>
                {k.name} ({k.prefix}…)
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col">
        <span className="text-slate-600">Or paste a key (stays in this page)</span>
        <input
          type="password"
          autoComplete="off"
          value={pasted}
          placeholder="mp_…"
          onChange={(e) => setPasted(e.target.value)}
          className="rounded border border-slate-300 px-2 py-1 font-mono"
        />
      </label>
      <button
        type="button"
        disabled={!valid(pasted)}
        onClick={() => {
          onChange(pasted.trim());
          setPasted("");
        }}
        className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50"
      >
        Use pasted key
      </button>
      {value && (
        <span className="flex items-center gap-2">
          <span className="font-mono text-xs" data-testid="key-in-use">
            {maskKey(value)}
          </span>
          <button type="button" onClick={() => onChange(null)} className="text-xs underline">
            Stop using it
          </button>
        </span>
      )}
    </fieldset>
  );
}
