import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/current-user";
import { canManageModel } from "@/lib/publishing/can-manage-model";

/** On the catalog page of a model, its owning team gets the way to manage and edit it. */
export async function OwnerLinks({ modelId, slug }: { modelId: string; slug: string }) {
  if (!(await canManageModel(await getCurrentUser(), modelId))) return null;
  const cls = "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50";
  return (
    <div className="flex flex-wrap gap-2" data-testid="owner-links">
      <Link href={`/publish/${slug}`} className={cls}>
        Manage versions
      </Link>
      <Link href={`/publish/${slug}/edit`} className={cls}>
        Edit model and card
      </Link>
    </div>
  );
}
