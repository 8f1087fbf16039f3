"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/client/api";

/** Uploads a CSV or JSONL reference dataset for one version (owners). */
export function ReferenceUploadForm({ path }: { path: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setMessage(null);
    const type = /\.jsonl?$|\.ndjson$/i.test(file.name) ? "application/jsonl" : "text/csv";
    try {
      const saved = await api.post<{ rowCount: number }>(
        `${path}/reference?fileName=${encodeURIComponent(file.name)}`,
        new Blob([file], { type }),
      );
      setMessage({ ok: true, text: `Reference built from ${saved.rowCount} rows.` });
      router.refresh();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiError ? error.message : "The upload failed." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Upload a reference dataset">
      <label className="block text-sm font-medium" htmlFor="reference-file">
        Reference dataset (CSV with a header line, or JSONL)
      </label>
      <input
        id="reference-file"
        type="file"
        accept=".csv,.jsonl,.ndjson,text/csv"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className="block w-full text-sm"
      />
      <button type="submit" disabled={!file || busy} className="rounded bg-blue-600 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        {busy ? "Uploading…" : "Upload and profile"}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
