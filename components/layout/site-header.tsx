import Link from "next/link";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/current-user";
import { NAV_LINKS } from "@/components/layout/nav-links";
import { NotificationBellSlot } from "@/components/notifications/notification-bell-slot";
import { ResponsiveDisclosure } from "@/components/ui/responsive-disclosure";
import { SignOutButton } from "@/components/auth/sign-out-button";

/** The id of the page's main content, the target of the skip link. */
export const MAIN_CONTENT_ID = "main-content";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  const links = NAV_LINKS.filter((l) => (user ? can(user.role, l.permission) : l.href === "/models"));
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only rounded bg-brand-600 px-3 py-2 font-medium text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-500" />
          Modelport
        </Link>
        <ResponsiveDisclosure
          id="main-menu"
          label="Menu"
          openLabel="Close menu"
          buttonClassName="order-2 ml-auto rounded border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
          className="order-last w-full md:order-none md:w-auto md:flex-1"
        >
          <nav aria-label="Main" className="flex flex-col gap-1 py-1 text-sm md:flex-row md:flex-wrap md:py-0">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="rounded px-2.5 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                {l.label}
              </Link>
            ))}
          </nav>
        </ResponsiveDisclosure>
        {user ? (
          <div className="order-3 flex items-center gap-3 text-sm md:order-none">
            <NotificationBellSlot userId={user.id} />
            <span className="text-right leading-tight">
              <Link
                href="/account"
                className="block max-w-[7rem] truncate font-medium hover:underline sm:max-w-none"
                data-testid="current-user"
                title="Your account: password and sessions"
              >
                {user.name}
              </Link>
              <span className="hidden text-xs text-slate-500 sm:block" data-testid="current-role">
                {ROLE_LABELS[user.role]}
              </span>
            </span>
            <SignOutButton />
          </div>
        ) : (
          <Link
            href="/signin"
            className="order-3 rounded bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-600 md:order-none"
          >
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
