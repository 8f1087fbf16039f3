"use client";

import { useActionState, useSyncExternalStore, type ReactNode } from "react";

/** What a server action bound to a form answers: a message for the person, or null before the first submit. */
export type ActionState = { ok: boolean; message: string } | null;

const noSubscription = () => () => {};

/** A form bound to a server action, showing its outcome (errors in an alert) next to the controls. */
export function ActionForm({
  action,
  children,
  className,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // Marks the form once React has hydrated it (before that a submit falls back to a full-page post).
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <form action={formAction} className={className} aria-busy={pending} data-hydrated={hydrated || undefined}>
      {children}
      {state && (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-rose-800"}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
