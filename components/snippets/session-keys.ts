// Keys created in this browser tab, so a snippet can use one right away. Secrets are never stored by the
// portal: they live only in this tab's sessionStorage and disappear when it closes.

export type SessionKey = { prefix: string; name: string; secret: string };

const STORAGE_KEY = "modelport.sessionKeys";

const CHANGED = "modelport:session-keys";

export function readSessionKeys(raw = typeof window === "undefined" ? "[]" : window.sessionStorage.getItem(STORAGE_KEY)): SessionKey[] {
  try {
    const parsed: unknown = JSON.parse(raw ?? "[]");
    return Array.isArray(parsed)
      ? (parsed as SessionKey[]).filter((k) => typeof k?.secret === "string" && typeof k?.prefix === "string")
      : [];
  } catch {
    return [];
  }
}

export function rememberSessionKey(key: SessionKey): void {
  const keys = [key, ...readSessionKeys().filter((k) => k.prefix !== key.prefix)].slice(0, 10);
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  window.dispatchEvent(new Event(CHANGED));
}

export function forgetSessionKey(prefix: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(readSessionKeys().filter((k) => k.prefix !== prefix)));
  window.dispatchEvent(new Event(CHANGED));
}

/** For useSyncExternalStore: the stored text (a stable string) and change notifications. */
export const sessionKeysStore = {
  subscribe(onChange: () => void) {
    window.addEventListener(CHANGED, onChange);
    window.addEventListener("storage", onChange);
    return () => {
      window.removeEventListener(CHANGED, onChange);
      window.removeEventListener("storage", onChange);
    };
  },
  snapshot: () => window.sessionStorage.getItem(STORAGE_KEY) ?? "[]",
  serverSnapshot: () => "[]",
};

/** A key shown on screen: its public prefix, then dots instead of the secret part. */
export function maskKey(secret: string): string {
  const prefix = /^mp_[0-9a-f]{8}/.exec(secret)?.[0] ?? secret.slice(0, 6);
  return `${prefix}_${"•".repeat(12)}`;
}
