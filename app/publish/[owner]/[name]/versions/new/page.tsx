import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { VersionForm } from "@/components/publishing/version-form";
import { requireUser } from "@/lib/auth/require-user";
import { getOwnModel } from "@/lib/publishing/get-own-model";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "Add version" };

export default async function NewVersionPage({ params }: { params: Promise<{ owner: string; name: string }> }) {
  const { owner, name } = await params;
  const user = await requireUser("models:publish");
  const model = await getOwnModel(publisherOfUser(user), owner, name);
  if (!model) notFound();
  const latest = model.versions[0]?.version;
  return (
    <div>
      <PageTitle
        title={`Add a version to ${model.displayName}`}
        subtitle={latest ? `Latest version: ${latest}. New versions start as drafts.` : "The first version starts as a draft."}
      />
      <VersionForm owner={model.owner} name={model.name} suggestedVersion={model.suggestedVersion} />
    </div>
  );
}
