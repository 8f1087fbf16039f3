import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { ModelPageExtras } from "@/components/catalog/model-page-extras";
import { requireUser } from "@/lib/auth/require-user";
import { findModelRef } from "@/lib/snippets/find-model-ref";

export const metadata: Metadata = { title: "Quick start" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ owner: string; name: string }>; searchParams: Promise<{ version?: string }> };

// Quick start for a consumer: try a model and copy a snippet, next to their apps and keys.
export default async function TryModelPage({ params, searchParams }: Props) {
  await requireUser("catalog:read");
  const { owner, name } = await params;
  const { version } = await searchParams;
  const model = await findModelRef({ owner, name });
  if (!model) notFound();
  return (
    <div>
      <PageTitle
        title={`Quick start: ${model.displayName}`}
        subtitle={`Try ${model.slug} in the browser, then call it from your code with one of your app's keys.`}
      />
      <ModelPageExtras modelSlug={model.slug} modelId={model.id} version={version ?? null} visibility={model.visibility} />
    </div>
  );
}
