import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/components/ui/page-title";
import { AllowedOriginsForm } from "@/components/apps/allowed-origins-form";
import { CreateAppForm } from "@/components/apps/create-app-form";
import { CreateKeyForm } from "@/components/apps/create-key-form";
import { KeyList } from "@/components/apps/key-list";
import { grantableScopes, SCOPE_HINTS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/require-user";
import { listApps } from "@/lib/apps/list-apps";
import { listMyTeams } from "@/lib/apps/list-my-teams";

export const metadata: Metadata = { title: "My apps" };
export const dynamic = "force-dynamic";

export default async function AppsPage() {
  const user = await requireUser("apps:manage");
  const [apps, teams] = await Promise.all([listApps({ teamIds: user.teamIds }), listMyTeams({ teamIds: user.teamIds })]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request
  const now = Date.now();
  const scopes = grantableScopes(user.role).map((s) => ({ value: s, hint: SCOPE_HINTS[s] }));
  return (
    <div className="space-y-6">
      <PageTitle
        title="My apps"
        subtitle="Consuming applications of your teams and their API keys. A key's secret is shown once, when it is created."
      />
      <section aria-labelledby="new-app">
        <h2 id="new-app" className="mb-2 text-lg font-semibold">
          New app
        </h2>
        <CreateAppForm teams={teams.map((t) => ({ id: t.id, name: t.name, businessUnit: t.businessUnit.name }))} />
      </section>
      <section aria-labelledby="app-list" className="space-y-4">
        <h2 id="app-list" className="text-lg font-semibold">
          Apps
        </h2>
        {apps.length === 0 && (
          <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">Your teams have no apps yet.</p>
        )}
        {apps.map((app) => (
          <article key={app.id} aria-label={`App ${app.name}`} className="rounded-lg border border-slate-200 bg-white p-4">
            <header className="mb-2 flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="font-semibold">{app.name}</h3>
                <p className="text-sm text-slate-600">
                  {app.team.name} / {app.team.businessUnit}
                  {app.description ? ` — ${app.description}` : ""}
                </p>
              </div>
              <Link href={`/apps/${app.id}/usage`} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
                Usage
              </Link>
            </header>
            <div className="overflow-x-auto">
              <KeyList appId={app.id} keys={app.keys} now={now} />
            </div>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-slate-700">Create a key</summary>
              <CreateKeyForm appId={app.id} appName={app.name} scopes={scopes} />
            </details>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-slate-700">
                Allowed browser origins {app.allowedOrigins.length ? `(${app.allowedOrigins.join(", ")})` : "(none)"}
              </summary>
              <AllowedOriginsForm appId={app.id} appName={app.name} origins={app.allowedOrigins} />
            </details>
          </article>
        ))}
      </section>
    </div>
  );
}
