import { headers } from "next/headers";
import { TryItConsole } from "@/components/console/try-it-console";
import { SnippetsPanel } from "@/components/snippets/snippets-panel";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getTryItContext } from "@/lib/snippets/get-try-it-context";

type Props = { modelSlug: string; modelId: string; version: string | null; visibility: "public" | "gated" };

/** The portal's public origin for snippets: NEXTAUTH_URL when set, else the host this page was asked on. */
async function baseUrl(): Promise<string> {
  if (process.env.NEXTAUTH_URL?.trim()) return process.env.NEXTAUTH_URL.trim().replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

/** What a model/version page adds for consumers: the "Try it" console and the client snippets. */
export async function ModelPageExtras({ modelSlug, modelId, version, visibility }: Props) {
  const user = await getCurrentUser();
  const context = await getTryItContext({ modelId, version, user, baseUrl: await baseUrl() });
  if (!context) return null;
  if (!context.version) return <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">{context.disabledReason}</p>;
  return (
    <div className="space-y-6" data-model={modelSlug} data-visibility={visibility}>
      <TryItConsole model={context.model} version={context.version} exampleInput={context.exampleInput} inputSchema={context.inputSchema} disabledReason={context.disabledReason} />
      <SnippetsPanel snippets={context.snippets} signedIn={Boolean(user)} />
    </div>
  );
}
