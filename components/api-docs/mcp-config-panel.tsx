"use client";

import { useState } from "react";
import { CopyButton } from "@/components/snippets/copy-button";
import { KeyPicker } from "@/components/snippets/key-picker";
import { maskKey } from "@/components/snippets/session-keys";
import { KEY_SLOT } from "@/lib/snippets/key-slot";
import { KEY_PLACEHOLDER, type McpClientConfig } from "@/lib/snippets/mcp-client-configs";

/** The MCP client configurations by client, copyable, with one of the user's keys inserted like the snippets. */
export function McpConfigPanel({ configs, signedIn }: { configs: McpClientConfig[]; signedIn: boolean }) {
  const [id, setId] = useState(configs[0]?.id ?? "");
  const [key, setKey] = useState<string | null>(null);
  const [reveal, setReveal] = useState(false);
  const config = configs.find((c) => c.id === id) ?? configs[0];
  if (!config) return null;
  const withKey = (secret: string) => config.code.replaceAll(KEY_SLOT, secret);
  const shown = withKey(key ? (reveal ? key : maskKey(key)) : KEY_PLACEHOLDER);
  const copied = withKey(key ?? KEY_PLACEHOLDER);
  return (
    <section aria-labelledby="mcp-config-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="mcp-config-title" className="text-lg font-semibold">
        Client configuration
      </h2>
      <div role="tablist" aria-label="Client" className="mt-3 flex flex-wrap gap-1 border-b border-slate-200">
        {configs.map((c) => (
          <button
            key={c.id}
            role="tab"
            type="button"
            aria-selected={c.id === config.id}
            aria-controls="mcp-config-code"
            onClick={() => setId(c.id)}
            className={`rounded-t px-2 py-1 text-sm ${c.id === config.id ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {c.label}
          </button>
        ))}
      </div>
      <p className="mt-2 text-sm text-slate-600">Paste into {config.where}.</p>
      <div id="mcp-config-code" role="tabpanel" aria-label={config.label} className="relative mt-2">
        <div className="absolute right-2 top-2 flex gap-2">
          {key && (
            <button type="button" onClick={() => setReveal(!reveal)} className="rounded border border-slate-300 bg-white px-2 py-1 text-xs">
              {reveal ? "Hide key" : "Reveal key"}
            </button>
          )}
          <CopyButton text={copied} label={`Copy ${config.label} configuration`} />
        </div>
        <pre data-testid="mcp-config-code" className="max-h-96 overflow-auto rounded bg-slate-900 p-3 pt-10 text-xs text-slate-100">
          <code>{shown}</code>
        </pre>
      </div>
      {signedIn ? (
        <div className="mt-3">
          <KeyPicker
            value={key}
            onChange={(k) => {
              setKey(k);
              setReveal(false);
            }}
          />
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          <a className="underline" href="/signin?callbackUrl=%2Fdocs%2Fmcp">
            Sign in
          </a>{" "}
          to insert one of your keys here.
        </p>
      )}
    </section>
  );
}
