import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env, oidcConfigured } from "@/lib/env";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; notice?: string }> }) {
  const { callbackUrl, error, notice } = await searchParams;
  const target = safeCallback(callbackUrl);
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
