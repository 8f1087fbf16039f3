"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, modelPath } from "@/lib/client/api";
import { firstErrorOf } from "@/lib/client/form-errors";

/** Edit and delete — offered on drafts only (submitted versions are immutable). Submit is in the review panel, beside the checklist. */
export function DraftActions({ owner, name, version }: { owner: string; name: string; version: string }) {
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => api.del(modelPath(`${owner}/${name}`, "versions", version)),
    onSuccess: () => router.refresh(),
  });
  const error = firstErrorOf(remove.error);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Link href={`/publish/${owner}/${name}/versions/${version}/edit`} className="text-xs font-medium text-brand-700 hover:underline">
        Edit {version}
      </Link>
      <button
        type="button"
        disabled={remove.isPending}
        onClick={() => confirm(`Delete draft ${version}?`) && remove.mutate()}
        className="text-xs font-medium text-red-700 hover:underline"
      >
        Delete {version}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
