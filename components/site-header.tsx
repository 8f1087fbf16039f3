import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/current-user";
import { NAV_LINKS } from "@/components/nav-links";
import { SignOutButton } from "@/components/sign-out-button";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  const links = NAV_LINKS.filter((l) => (user ? can(user.role, l.permission) : l.href === "/models"));
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-500" />
          Modelport
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1 text-sm">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="rounded px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
              {l.label}
            </Link>
          ))}
        </nav>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span className="text-right leading-tight">
              <Link href="/account" className="block font-medium hover:underline" data-testid="current-user" title="Your account: password and sessions">{user.name}</Link>
              <span className="block text-xs text-slate-500" data-testid="current-role">{ROLE_LABELS[user.role]}</span>
            </span>
            <SignOutButton />
          </div>
        ) : (
          <Link href="/signin" className="rounded bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
