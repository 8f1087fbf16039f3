import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/page-title";
import { ChangePasswordForm, SignOutEverywhereForm } from "@/components/account/session-forms";
import { changePasswordAction, signOutEverywhereAction } from "@/app/account/actions";
import { getAccount } from "@/lib/auth/get-account";
import { requireUser } from "@/lib/auth/require-user";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser();
  const account = await getAccount(user.id);
  return (
    <div className="space-y-8">
      <PageTitle title="Your account" subtitle={`${user.email} · ${ROLE_LABELS[user.role]}`} />
      <section aria-labelledby="password" className="space-y-3">
        <h2 id="password" className="text-lg font-semibold">
          Password
        </h2>
        {account.signsInWithPassword ? (
          <>
            <p className="text-sm text-slate-600">
              Changing it signs you out everywhere, this browser included: any copy of a session cookie stops working at once.
            </p>
            <ChangePasswordForm action={changePasswordAction} />
          </>
        ) : (
          <p className="text-sm text-slate-600">You sign in through your company&apos;s single sign-on; change your password there.</p>
        )}
      </section>
      <section aria-labelledby="sessions" className="space-y-3">
        <h2 id="sessions" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-slate-600">
          {account.openSessions} open session{account.openSessions === 1 ? "" : "s"} (browsers signed in as you); last sign-in{" "}
          {formatDate(account.lastLoginAt)}. Signing out everywhere ends them all at once. Your apps&apos; API keys are not sessions and
          keep working.
        </p>
        <SignOutEverywhereForm action={signOutEverywhereAction} />
      </section>
    </div>
  );
}
