import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env, oidcConfigured } from "@/lib/server/env";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string }>;
}) {
  const { callbackUrl, error, notice } = await searchParams;
  // Only a path on this portal (next-auth passes absolute URLs on its own origin).
  const target = safeCallbackPath(callbackUrl, process.env.NEXTAUTH_URL);
  if (await getCurrentUser()) redirect(target);
  const e = env();
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">Sign in to Modelport</h1>
      <SignInForm
        callbackUrl={target}
        error={error}
        notice={notice}
        oidc={oidcConfigured(e) ? { name: e.OIDC_NAME } : null}
        demoAccounts={e.MODELPORT_DEMO === "1" ? DEMO_ACCOUNTS : []}
      />
    </div>
  );
}
