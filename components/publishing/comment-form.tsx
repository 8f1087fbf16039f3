"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorsFrom } from "@/components/publishing/api-errors";
import { inputClass, secondaryButtonClass } from "@/components/publishing/field";

/** A comment on a version in review (no decision); the other side is notified. */
export function CommentForm({ url, label = "Comment" }: { url: string; label?: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body }) });
    setBusy(false);
    if (!res.ok) {
      const e = await errorsFrom(res);
      return setError(e.form ?? Object.values(e.fields)[0]);
    }
    setBody("");
    setError(undefined);
    router.refresh();
  }

  const id = `comment-${url.replace(/[^a-z0-9]/gi, "")}`;
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={2} className={inputClass} />
      <button type="submit" disabled={busy || !body.trim()} className={secondaryButtonClass}>{busy ? "Sending…" : "Send comment"}</button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </form>
  );
}
