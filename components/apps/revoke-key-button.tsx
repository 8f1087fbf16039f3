"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { MY_APPS_KEY } from "@/components/apps/use-my-apps";
import { forgetSessionKey } from "@/components/snippets/session-keys";
import { api } from "@/lib/client/api";

/** Revokes a key after a confirmation; the gateway refuses it from the next call on. */
export function RevokeKeyButton({ appId, keyId, prefix, name }: { appId: string; keyId: string; prefix: string; name: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.del(`/api/v1/apps/${encodeURIComponent(appId)}/keys/${encodeURIComponent(keyId)}`),
    onSuccess: () => {
      forgetSessionKey(prefix);
      router.refresh();
      return queryClient.invalidateQueries({ queryKey: MY_APPS_KEY });
    },
  });

  function confirmAndRevoke() {
    if (window.confirm(`Revoke the key “${name}” (${prefix}…)? Applications using it will be refused at once.`)) revoke.mutate();
  }
  return (
    <>
      <button
        type="button"
        onClick={confirmAndRevoke}
        disabled={revoke.isPending}
        aria-label={`Revoke key ${name}`}
        className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50"
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {revoke.isError && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {revoke.error.message}
        </span>
      )}
    </>
  );
}
