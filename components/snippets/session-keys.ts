// Keys created in this browser tab, so a snippet can use one right away. Secrets are never stored by the
// portal: they live only in this tab's sessionStorage and disappear when it closes.

export type SessionKey = { prefix: string; name: string; secret: string };

const STORAGE_KEY = "modelport.sessionKeys";

export function readSessionKeys(): SessionKey[] {
  if (typeof window === "undefined") return [];
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as SessionKey[]).filter((k) => typeof k?.secret === "string" && typeof k?.prefix === "string") : [];
  } catch {
    return [];
  }
}

export function rememberSessionKey(key: SessionKey): void {
  const keys = [key, ...readSessionKeys().filter((k) => k.prefix !== key.prefix)].slice(0, 10);
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
}

export function forgetSessionKey(prefix: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(readSessionKeys().filter((k) => k.prefix !== prefix)));
}

/** A key shown on screen: its public prefix, then dots instead of the secret part. */
export function maskKey(secret: string): string {
  const prefix = /^mp_[0-9a-f]{8}/.exec(secret)?.[0] ?? secret.slice(0, 6);
  return `${prefix}_${"•".repeat(12)}`;
}
