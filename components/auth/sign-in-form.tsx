"use client";

import { useMutation } from "@tanstack/react-query";
import { getCsrfToken, signIn } from "next-auth/react";
import { useState } from "react";
import { api } from "@/lib/client/api";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account.",
  AccessDenied: "Your account is disabled. Ask an administrator.",
  OidcNoEmail: "The sign-in provider did not share an email address.",
  TooManyAttempts: "Too many failed sign-ins. Wait a few minutes, then try again.",
};

/** Not errors: why the person is back on the sign-in page (`?notice=`). */
const NOTICES: Record<string, string> = {
  password_changed: "Your password was changed and all your sessions were signed out. Sign in with the new password.",
  signed_out_everywhere: "You were signed out on every device. Sign in again to continue.",
};

const minutes = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/**
 * next-auth's credentials sign-in (what `signIn("credentials")` does), done here so that a throttled
 * attempt's 429 and Retry-After can be shown. Resolves on success, else throws the message to show.
 */
async function passwordSignIn({ email, password, callbackUrl }: { email: string; password: string; callbackUrl: string }): Promise<void> {
  const res = await api.send(
    "POST",
    "/api/auth/callback/credentials",
    new URLSearchParams({ email, password, callbackUrl, csrfToken: (await getCsrfToken()) ?? "", json: "true" }),
  );
  const data = res.data as { url?: string; error?: { message?: string } } | null;
  if (res.status === 429) {
    const wait = Number(res.headers.get("retry-after"));
    throw new Error(
      data?.error?.message ?? (wait > 0 ? `Too many failed sign-ins. Try again in ${minutes(wait)}.` : ERRORS.TooManyAttempts),
    );
  }
  // next-auth answers with the URL to go to, which names the error when sign-in failed.
  const error = data?.url ? new URL(data.url, window.location.origin).searchParams.get("error") : "CredentialsSignin";
  if (!res.ok || error) throw new Error(ERRORS[error ?? ""] ?? ERRORS.CredentialsSignin);
}

type Props = {
  callbackUrl: string;
  error?: string;
  notice?: string;
  oidc: { name: string } | null;
  demoAccounts: { email: string; role: string; persona: string }[];
};

export function SignInForm({ callbackUrl, error, notice, oidc, demoAccounts }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signInWithPassword = useMutation({
    mutationFn: passwordSignIn,
    // A full page load, so every server component renders for the signed-in person.
    onSuccess: () => window.location.assign(callbackUrl),
  });
  // Still "signing in" while the browser leaves for the callback page.
  const pending = signInWithPassword.isPending || signInWithPassword.isSuccess;
  // The error of this attempt, or the one the page was opened with (?error=, e.g. from a provider).
  const message = signInWithPassword.isError
    ? signInWithPassword.error.message
    : signInWithPassword.isIdle && error
      ? (ERRORS[error] ?? "Sign-in failed. Try again.")
      : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    signInWithPassword.mutate({ email, password, callbackUrl });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6" aria-label="Password sign-in">
        {message && (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            {message}
          </p>
        )}
        {!message && notice && NOTICES[notice] && (
          <p role="status" className="rounded bg-sky-50 px-3 py-2 text-sm text-sky-900">
            {NOTICES[notice]}
          </p>
        )}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-500 px-3 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
        {oidc && (
          <button
            type="button"
            onClick={() => signIn("oidc", { callbackUrl })}
            className="w-full rounded border border-slate-300 px-3 py-2 font-medium hover:bg-slate-50"
          >
            Sign in with {oidc.name}
          </button>
        )}
      </form>
      {demoAccounts.length > 0 && (
        <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" aria-label="Demo accounts">
          <h2 className="font-semibold text-amber-900">Demo accounts</h2>
          <p className="text-amber-800">
            Password for all: <code className="font-mono">modelport</code>. Click one to fill the form.
          </p>
          <ul className="mt-2 space-y-1">
            {demoAccounts.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="text-left text-brand-700 hover:underline"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword("modelport");
                  }}
                >
                  <span className="font-mono">{a.email}</span> — {a.persona}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
