import type { Metadata } from "next";
import { ModelList } from "@/components/model-list";
import { listModels } from "@/lib/catalog/list-models";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Catalog" };
export const dynamic = "force-dynamic";

export default async function CatalogPage() {
  const user = await getCurrentUser();
  const models = await listModels({ viewerTeamIds: user?.teamIds });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Model catalog</h1>
        <p className="text-slate-600">{models.length} models</p>
      </div>
      <ModelList models={models} emptyText="The catalog is empty. Publishers can add the first model from Publish." />
    </div>
  );
}
