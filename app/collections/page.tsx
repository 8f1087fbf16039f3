import type { Metadata } from "next";
import { CollectionList } from "@/components/collections/collection-list";
import { CreateCollectionForm } from "@/components/collections/create-collection-form";
import { ModelCardList } from "@/components/catalog/model-card";
import { PageTitle } from "@/components/ui/page-title";
import { listMyTeams } from "@/lib/apps/list-my-teams";
import { principalOfUser } from "@/lib/auth/principal";
import { requireUser } from "@/lib/auth/require-user";
import { curateViewerOf } from "@/lib/collections/curate-viewer";
import { listCollections } from "@/lib/collections/list-collections";
import { listStarredModels } from "@/lib/collections/list-starred-models";

export const metadata: Metadata = { title: "Collections" };
export const dynamic = "force-dynamic";

export default async function CollectionsPage() {
  const user = await requireUser("catalog:curate");
  const viewer = curateViewerOf(principalOfUser(user));
  const [all, starred, teams] = await Promise.all([
    listCollections({ viewer }),
    listStarredModels({ viewer }),
    listMyTeams({ teamIds: user.teamIds }),
  ]);
  const mine = all.filter((c) => c.canEdit);
  const others = all.filter((c) => !c.canEdit);
  return (
    <div className="space-y-8">
      <PageTitle
        title="Collections and stars"
        subtitle="Models you starred, and ordered lists of models with a note each — yours, your teams' and the company's."
      />
      <section aria-labelledby="starred-title" className="space-y-3">
        <h2 id="starred-title" className="text-lg font-semibold">
          Starred by me
        </h2>
        <ModelCardList
          models={starred}
          label="Starred models"
          emptyText="You have not starred a model yet: use ☆ Star on a model's page."
        />
      </section>
      <section aria-labelledby="mine-title" className="space-y-3">
        <h2 id="mine-title" className="text-lg font-semibold">
          Yours and your teams&apos;
        </h2>
        <CollectionList
          collections={mine}
          label="My collections"
          emptyText="No collections yet: create one below, or from a model's page."
        />
      </section>
      <section aria-labelledby="new-title" className="space-y-3">
        <h2 id="new-title" className="text-lg font-semibold">
          New collection
        </h2>
        <CreateCollectionForm teams={teams.map((t) => ({ slug: t.slug, name: t.name }))} />
      </section>
      <section aria-labelledby="company-title" className="space-y-3">
        <h2 id="company-title" className="text-lg font-semibold">
          Shared across the company
        </h2>
        <CollectionList collections={others} label="Company collections" emptyText="Nobody else has shared a collection yet." />
      </section>
    </div>
  );
}
