// Client-side helper for the governance forms: POSTs JSON with the session cookie, returns the public
// error message (and any missing-checklist list) when the API refuses.
export type ApiOutcome = { ok: true; data: unknown } | { ok: false; message: string; missing: string[] };

export async function postJson(url: string, body: unknown): Promise<ApiOutcome> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => null)) as { error?: { message?: string; details?: { missing?: { label: string }[] } } } | null;
  if (res.ok) return { ok: true, data };
  return { ok: false, message: data?.error?.message ?? `Request failed (HTTP ${res.status}).`, missing: data?.error?.details?.missing?.map((m) => m.label) ?? [] };
}
