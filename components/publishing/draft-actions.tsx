"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorsFrom } from "@/components/publishing/api-errors";

/** Edit and delete — offered on drafts only (submitted versions are immutable). Submit is in the review panel, beside the checklist. */
export function DraftActions({ owner, name, version }: { owner: string; name: string; version: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const url = `/api/v1/models/${owner}/${name}/versions/${version}`;

  async function remove() {
    setBusy(true);
    const res = await fetch(url, { method: "DELETE" });
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
      <Link href={`/publish/${owner}/${name}/versions/${version}/edit`} className="text-xs font-medium text-brand-700 hover:underline">Edit {version}</Link>
      <button type="button" disabled={busy} onClick={() => confirm(`Delete draft ${version}?`) && remove()} className="text-xs font-medium text-red-700 hover:underline">
        Delete {version}
      </button>
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
    </div>
  );
}
