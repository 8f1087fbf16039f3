"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/client/api";

type AppAccess = { id: string; name: string; state: string; comment: string | null };

const STATE_LABEL: Record<string, string> = {
  granted: "access granted",
  pending: "request pending",
  denied: "denied",
  revoked: "revoked",
  approved: "access granted",
  none: "no access",
};

/** A consumer asks for one of their apps to be allowed to call a gated model. */
export function AccessRequestPanel({ url, apps }: { url: string; apps: AppAccess[] }) {
  const router = useRouter();
  const requestable = apps.filter((a) => a.state !== "granted" && a.state !== "pending");
  const [appId, setAppId] = useState(requestable[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const request = useMutation({
    mutationFn: () => api.post(url, { appId, reason }),
    onSuccess: () => {
      setReason("");
      router.refresh();
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    request.mutate();
  }

  return (
    <section aria-labelledby="access-h" className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 id="access-h" className="font-semibold">
        Gated model: access on request
      </h2>
      <p className="text-sm">Until access is granted for an app, its API keys get 403 for this model.</p>
      {apps.length === 0 ? (
        <p className="text-sm">Create an app first (My apps), then request access for it.</p>
      ) : (
        <ul className="text-sm" aria-label="Your apps">
          {apps.map((a) => (
            <li key={a.id}>
              {a.name}: <strong>{STATE_LABEL[a.state] ?? a.state}</strong>
              {a.comment ? ` — ${a.comment}` : ""}
            </li>
          ))}
        </ul>
      )}
      {requestable.length > 0 && (
        <form onSubmit={submit} className="space-y-2">
          <label className="block text-sm font-medium" htmlFor="access-app">
            App
          </label>
          <select
            id="access-app"
            value={appId}
            onChange={(e) => setAppId(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          >
            {requestable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <label className="block text-sm font-medium" htmlFor="access-reason">
            Reason
          </label>
          <textarea
            id="access-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={5}
            rows={3}
            className="w-full rounded border border-slate-300 p-2 text-sm"
          />
          <button disabled={request.isPending} className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
            Request access
          </button>
        </form>
      )}
      {request.isSuccess && (
        <p role="status" className="text-sm text-emerald-800">
          Request sent. The owning team will decide.
        </p>
      )}
      {request.isError && (
        <p role="alert" className="text-sm text-rose-800">
          {request.error.message}
        </p>
      )}
    </section>
  );
}
