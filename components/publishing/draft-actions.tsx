"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorsFrom } from "@/components/publishing/api-errors";

/**
 * Submit for review, edit and delete — offered on drafts only (submitted versions are immutable). Submit
 * stays disabled, with the reasons, until the version passes the review checklist.
 */
export function DraftActions({ owner, name, version, blockers = [] }: { owner: string; name: string; version: string; blockers?: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const url = `/api/v1/models/${owner}/${name}/versions/${version}`;

  async function call(path: string, method: string) {
    setBusy(true);
    const res = await fetch(path, { method });
    setBusy(false);
    if (!res.ok) {
      const e = await errorsFrom(res);
      return setError(e.form ?? Object.values(e.fields)[0]);
    }
    setError(undefined);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button" disabled={busy || blockers.length > 0} onClick={() => call(`${url}/submit`, "POST")}
        aria-describedby={blockers.length > 0 ? `blockers-${version}` : undefined}
        className="rounded bg-brand-600 px-3 py-1 text-xs font-medium text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Submit {version} for review
      </button>
      <Link href={`/publish/${owner}/${name}/versions/${version}/edit`} className="text-xs font-medium text-brand-700 hover:underline">Edit {version}</Link>
      <button type="button" disabled={busy} onClick={() => confirm(`Delete draft ${version}?`) && call(url, "DELETE")} className="text-xs font-medium text-red-700 hover:underline">
        Delete {version}
      </button>
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
      {blockers.length > 0 && (
        <p id={`blockers-${version}`} className="w-full text-xs text-slate-600">
          Submit is possible once the review checklist passes: {blockers.length} item{blockers.length === 1 ? "" : "s"} left (see below).
        </p>
      )}
    </div>
  );
}
