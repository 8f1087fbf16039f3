"use client";

import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/snippets/copy-button";

/** Shows a new key's secret once, in a modal dialog, with a copy button. */
export function SecretDialog({ secret, name, onClose }: { secret: string; name: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="secret-title"
      className="m-auto max-w-xl rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="secret-title" className="text-lg font-semibold">
        API key “{name}” created
      </h2>
      <p className="mt-2 text-sm font-medium text-amber-800">
        Copy it now: you won&apos;t see it again. Modelport stores only its prefix and a hash.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <code data-testid="new-key-secret" className="flex-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy key" />
      </div>
      <p className="mt-2 text-xs text-slate-600">It also stays available to the snippets in this browser tab until you close it.</p>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">I have stored it</button>
      </form>
    </dialog>
  );
}
