import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { EditModelForm } from "@/components/publishing/edit-model-form";
import { requireUser } from "@/lib/auth/require-user";
import { getOwnModel } from "@/lib/publishing/get-own-model";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Promise<{ owner: string; name: string }> }) {
  const { owner, name } = await params;
  const user = await requireUser("models:publish");
  const model = await getOwnModel(publisherOfUser(user), owner, name);
  if (!model) notFound();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href={`/publish/${model.slug}`}>
          ← {model.displayName}
        </Link>
      </p>
      <PageTitle
        title={`Edit ${model.displayName}`}
        subtitle={`${model.slug}: metadata and model card. The name, team and visibility stay as created.`}
      />
      <EditModelForm
        model={{
          slug: model.slug,
          displayName: model.displayName,
          summary: model.summary,
          card: model.card,
          tags: model.tags,
          task: model.task,
          license: model.license,
          contactEmail: model.contactEmail,
          riskLevel: model.riskLevel,
          businessOwnerEmail: model.businessOwner?.email ?? null,
          valuePerCallMicros: model.valuePerCallMicros.toString(),
          intendedUse: model.intendedUse,
          limitations: model.limitations,
        }}
      />
    </div>
  );
}
