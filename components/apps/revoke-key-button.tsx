"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/apps/api-request";
import { forgetSessionKey } from "@/components/snippets/session-keys";

/** Revokes a key after a confirmation; the gateway refuses it from the next call on. */
export function RevokeKeyButton({ appId, keyId, prefix, name }: { appId: string; keyId: string; prefix: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function revoke() {
    if (!window.confirm(`Revoke the key “${name}” (${prefix}…)? Applications using it will be refused at once.`)) return;
    setBusy(true);
    setError(null);
    try {
      await apiRequest(`/api/v1/apps/${appId}/keys/${keyId}`, { method: "DELETE" });
      forgetSessionKey(prefix);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" onClick={revoke} disabled={busy} aria-label={`Revoke key ${name}`} className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50">
        {busy ? "Revoking…" : "Revoke"}
      </button>
      {error && <span role="alert" className="ml-2 text-xs text-red-700">{error}</span>}
    </>
  );
}
