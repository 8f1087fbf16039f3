"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { inputClass, secondaryButtonClass } from "@/components/publishing/field";
import { api } from "@/lib/client/api";
import { firstErrorOf } from "@/lib/client/form-errors";

/** A comment on a version in review (no decision); the other side is notified. */
export function CommentForm({ url, label = "Comment" }: { url: string; label?: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const send = useMutation({
    mutationFn: (text: string) => api.post(url, { body: text }),
    onSuccess: () => {
      setBody("");
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    send.mutate(body);
  }

  const id = `comment-${url.replace(/[^a-z0-9]/gi, "")}`;
  const error = firstErrorOf(send.error);
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} value={body} onChange={(e) => setBody(e.target.value)} rows={2} className={inputClass} />
      <button type="submit" disabled={send.isPending || !body.trim()} className={secondaryButtonClass}>
        {send.isPending ? "Sending…" : "Send comment"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
