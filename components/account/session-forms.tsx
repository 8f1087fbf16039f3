"use client";

import { signOut } from "next-auth/react";
import { useActionState, useEffect } from "react";
import type { ActionState } from "@/components/ui/action-form";

type Action = (prev: ActionState, data: FormData) => Promise<ActionState>;

/** After the server ended every session, clear this browser's cookie too and go to sign-in with a notice. */
function useSignOutWhenDone(state: ActionState, notice: string) {
  useEffect(() => {
    if (state?.ok) void signOut({ callbackUrl: `/signin?notice=${notice}` });
  }, [state, notice]);
}

function Outcome({ state }: { state: ActionState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-800" : "text-rose-800"}`}>
      {state.message}
    </p>
  );
}

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  useSignOutWhenDone(state, "password_changed");
  return (
    <form action={formAction} aria-label="Change password" className="grid max-w-md gap-3">
      <label className="flex flex-col text-sm">
        <span className="font-medium">Current password</span>
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          className="rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      <label className="flex flex-col text-sm">
        <span className="font-medium">New password (at least 10 characters)</span>
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          className="rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      <div>
        <button
          disabled={pending || state?.ok}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {pending ? "Changing…" : "Change password"}
        </button>
      </div>
      <Outcome state={state} />
    </form>
  );
}

export function SignOutEverywhereForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  useSignOutWhenDone(state, "signed_out_everywhere");
  return (
    <form action={formAction} aria-label="Sign out everywhere" className="space-y-2">
      <button
        disabled={pending || state?.ok}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
      <Outcome state={state} />
    </form>
  );
}
