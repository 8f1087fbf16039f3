import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/page-title";
import { NewModelForm } from "@/components/publishing/new-model-form";
import { requireUser } from "@/lib/auth/require-user";
import { listPublishTeams } from "@/lib/publishing/list-publish-teams";
import { publisherOfUser } from "@/lib/publishing/publisher";

export const metadata: Metadata = { title: "New model" };

export default async function NewModelPage() {
  const user = await requireUser("models:publish");
  const teams = await listPublishTeams(publisherOfUser(user));
  return (
    <div>
      <PageTitle
        title="New model"
        subtitle="Start from an ONNX file to have most of this filled in, or describe the model and add its versions (an ONNX file or an HTTP endpoint) next."
      />
      {teams.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">
          You belong to no team yet; ask an admin to add you to one to publish.
        </p>
      ) : (
        <NewModelForm teams={teams} />
      )}
    </div>
  );
}
