"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorsFrom } from "@/components/publishing/api-errors";
import { buttonClass } from "@/components/publishing/field";

/** Submit a draft for review; disabled, with the reason, until the version passes the review checklist. */
export function SubmitVersionButton({ owner, name, version, blockers }: { owner: string; name: string; version: string; blockers: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    const res = await fetch(`/api/v1/models/${owner}/${name}/versions/${version}/submit`, { method: "POST" });
    setBusy(false);
    if (!res.ok) {
      const e = await errorsFrom(res);
      return setError(e.form ?? Object.values(e.fields)[0]);
    }
    setError(undefined);
    router.refresh();
  }

  const blocked = blockers.length > 0;
  return (
    <div className="space-y-1">
      <button type="button" disabled={busy || blocked} onClick={submit} aria-describedby={blocked ? `blockers-${version}` : undefined} className={`${buttonClass} disabled:cursor-not-allowed`}>
        {busy ? "Submitting…" : `Submit ${version} for review`}
      </button>
      {blocked && (
        <p id={`blockers-${version}`} className="text-sm text-slate-600">
          Submit is possible once the review checklist passes: {blockers.length} item{blockers.length === 1 ? "" : "s"} left.
        </p>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
