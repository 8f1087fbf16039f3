import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, PageTitle } from "@/components/data-table";
import { DraftActions } from "@/components/publishing/draft-actions";
import { requireUser } from "@/lib/auth/require-user";
import { formatMoney } from "@/lib/format";
import { getOwnModel } from "@/lib/publishing/get-own-model";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "Manage model" };

export default async function ManageModelPage({ params }: { params: Promise<{ owner: string; name: string }> }) {
  const { owner, name } = await params;
  const user = await requireUser("models:publish");
  const model = await getOwnModel(publisherOfUser(user), owner, name);
  if (!model) notFound();
  return (
    <div className="space-y-6">
      <PageTitle title={model.displayName} subtitle={`${model.slug} · ${model.teamName} · ${model.visibility} · ${model.task} · ${model.framework}`} />
      <p className="text-slate-700">{model.summary}</p>
      <p className="text-sm text-slate-600">
        Value per successful call: {formatMoney(model.valuePerCallMicros)}
        {model.businessOwner && <> · Business owner: {model.businessOwner.name} ({model.businessOwner.email})</>}
      </p>
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Versions</h2>
        <Link href={`/publish/${model.slug}/versions/new`} className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">Add version</Link>
      </div>
      <DataTable
        caption="Versions"
        columns={["Version", "Status", "Runtime", "Artifact / endpoint", "Changelog", "Actions"]}
        empty="No versions yet: add the first one."
        rows={model.versions.map((v) => [
          <span key="v" className="font-mono">{v.version}</span>,
          <span key="s" data-testid={`status-${v.version}`}>{v.status.replace("_", " ")}</span>,
          v.runtime,
          v.runtime === "onnx" ? <span key="a" className="font-mono text-xs">sha256:{v.artifactSha256?.slice(0, 12)}… · {v.artifactSize} B</span> : <span key="a" className="text-xs">{v.endpointUrl} ({v.protocol})</span>,
          <span key="c" className="whitespace-pre-line text-xs">{v.changelog}</span>,
          v.status === "draft" ? <DraftActions key="d" owner={model.owner} name={model.name} version={v.version} /> : <span key="d" className="text-xs text-slate-500">immutable</span>,
        ])}
      />
    </div>
  );
}
