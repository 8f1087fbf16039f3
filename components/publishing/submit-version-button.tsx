"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/publishing/field";
import { api, modelPath } from "@/lib/client/api";
import { firstErrorOf } from "@/lib/client/form-errors";

/** Submit a draft for review; disabled, with the reason, until the version passes the review checklist. */
export function SubmitVersionButton({
  owner,
  name,
  version,
  blockers,
}: {
  owner: string;
  name: string;
  version: string;
  blockers: string[];
}) {
  const router = useRouter();
  const submit = useMutation({
    mutationFn: () => api.post(modelPath(`${owner}/${name}`, "versions", version, "submit")),
    onSuccess: () => router.refresh(),
  });
  const error = firstErrorOf(submit.error);

  const blocked = blockers.length > 0;
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={submit.isPending || blocked}
        onClick={() => submit.mutate()}
        aria-describedby={blocked ? `blockers-${version}` : undefined}
        className={`${buttonClass} disabled:cursor-not-allowed`}
      >
        {submit.isPending ? "Submitting…" : `Submit ${version} for review`}
      </button>
      {blocked && (
        <p id={`blockers-${version}`} className="text-sm text-slate-600">
          Submit is possible once the review checklist passes: {blockers.length} item{blockers.length === 1 ? "" : "s"} left.
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
