import "server-only";
import { canEditCollection, type CurateViewer } from "@/lib/collections/curate-viewer";
import type { CollectionSummary } from "@/lib/collections/schemas";

/** What a collection summary reads of its row. */
export const collectionSelect = {
  id: true,
  title: true,
  description: true,
  visibility: true,
  ownerUserId: true,
  teamId: true,
  createdAt: true,
  updatedAt: true,
  ownerUser: { select: { name: true } },
  team: { select: { name: true, slug: true } },
} as const;

type CollectionRow = {
  id: string;
  title: string;
  description: string;
  visibility: "company" | "private";
  ownerUserId: string | null;
  teamId: string | null;
  createdAt: Date;
  updatedAt: Date;
  ownerUser: { name: string } | null;
  team: { name: string; slug: string } | null;
};

export function toCollectionSummary(row: CollectionRow, itemCount: number, viewer: CurateViewer): CollectionSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    owner: row.team
      ? { kind: "team", name: row.team.name, slug: row.team.slug }
      : { kind: "user", name: row.ownerUser?.name ?? "", slug: null },
    itemCount,
    canEdit: canEditCollection(row, viewer),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
