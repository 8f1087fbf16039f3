import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { GoldenTestsEditor } from "@/components/rollouts/golden-tests-editor";
import { goldenSuiteOf } from "@/lib/golden-tests/get-golden-tests";
import { VersionForm, type VersionInitial } from "@/components/publishing/version-form";
import { requireUser } from "@/lib/auth/require-user";
import { getOwnModel } from "@/lib/publishing/get-own-model";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "Edit draft" };

export default async function EditVersionPage({ params }: { params: Promise<{ owner: string; name: string; version: string }> }) {
  const { owner, name, version } = await params;
  const user = await requireUser("models:publish");
  const model = await getOwnModel(publisherOfUser(user), owner, name);
  const v = model?.versions.find((x) => x.version === decodeURIComponent(version));
  if (!model || !v) notFound();
  if (v.status !== "draft") {
    return (
      <PageTitle
        title={`${model.slug} ${v.version}`}
        subtitle={`This version is ${v.status.replace("_", " ")}: submitted versions are immutable.`}
      />
    );
  }
  return (
    <div>
      <PageTitle title={`Edit draft ${v.version} of ${model.displayName}`} />
      <VersionForm owner={model.owner} name={model.name} initial={v as VersionInitial} />
      <GoldenTestsEditor
        owner={model.owner}
        name={model.name}
        version={v.version}
        initial={await goldenSuiteOf(v.id)}
        exampleInput={v.exampleInput}
      />
    </div>
  );
}
