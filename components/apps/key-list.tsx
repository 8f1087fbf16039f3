import { RevokeKeyButton } from "@/components/apps/revoke-key-button";
import type { ApiKeyView } from "@/lib/apps/schemas";

function keyState(key: ApiKeyView, now: number): { label: string; active: boolean } {
  if (key.revokedAt) return { label: `revoked ${key.revokedAt.slice(0, 10)}`, active: false };
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return { label: "expired", active: false };
  return { label: "active", active: true };
}

/** The keys of one app: prefix, scopes, allow-list, last use, expiry and a revoke button for live keys. */
export function KeyList({ appId, keys, now }: { appId: string; keys: ApiKeyView[]; now: number }) {
  if (keys.length === 0) return <p className="text-sm text-slate-500">No keys yet.</p>;
  // On a phone the table scrolls inside its card rather than widening the page.
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">API keys</caption>
        <thead className="text-left text-slate-600">
          <tr>
            {["Key", "Name", "Scopes", "Models", "Last used", "Expires", "State", ""].map((c) => (
              <th key={c} scope="col" className="px-2 py-1 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => {
            const state = keyState(k, now);
            return (
              <tr key={k.id} data-testid={`key-${k.prefix}`}>
                <td className="px-2 py-1 font-mono text-xs">{k.prefix}…</td>
                <td className="px-2 py-1">{k.name}</td>
                <td className="px-2 py-1">{k.scopes.join(", ")}</td>
                <td className="px-2 py-1 text-xs">{k.models.length ? k.models.join(", ") : "all the app may call"}</td>
                <td className="px-2 py-1">{k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
                <td className="px-2 py-1">{k.expiresAt ? k.expiresAt.slice(0, 10) : "never"}</td>
                <td className={`px-2 py-1 ${state.active ? "text-emerald-700" : "text-slate-500"}`}>{state.label}</td>
                <td className="px-2 py-1">
                  {state.active && <RevokeKeyButton appId={appId} keyId={k.id} prefix={k.prefix} name={k.name} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
