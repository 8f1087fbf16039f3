"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an active account.",
  AccessDenied: "Your account is disabled. Ask an administrator.",
  OidcNoEmail: "The sign-in provider did not share an email address.",
};

type Props = {
  callbackUrl: string;
  error?: string;
  oidc: { name: string } | null;
  demoAccounts: { email: string; role: string; persona: string }[];
};

export function SignInForm({ callbackUrl, error, oidc, demoAccounts }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    const res = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    if (res?.ok && !res.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setMessage(ERRORS[res?.error ?? ""] ?? ERRORS.CredentialsSignin);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6" aria-label="Password sign-in">
        {message && <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{message}</p>}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">Email</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">Password</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
        </div>
        <button type="submit" disabled={pending} className="w-full rounded bg-brand-500 px-3 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
        {oidc && (
          <button type="button" onClick={() => signIn("oidc", { callbackUrl })} className="w-full rounded border border-slate-300 px-3 py-2 font-medium hover:bg-slate-50">
            Sign in with {oidc.name}
          </button>
        )}
      </form>
      {demoAccounts.length > 0 && (
        <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" aria-label="Demo accounts">
          <h2 className="font-semibold text-amber-900">Demo accounts</h2>
          <p className="text-amber-800">Password for all: <code className="font-mono">modelport</code>. Click one to fill the form.</p>
          <ul className="mt-2 space-y-1">
            {demoAccounts.map((a) => (
              <li key={a.email}>
                <button type="button" className="text-left text-brand-700 hover:underline" onClick={() => { setEmail(a.email); setPassword("modelport"); }}>
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
