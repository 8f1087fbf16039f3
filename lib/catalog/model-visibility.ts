import { DISCOVERABLE_STATUSES } from "@/lib/catalog/schemas";

// The catalog's visibility rule, for the routes that reach a model by name outside the catalog (snippets,
// invoke, a key's model allow-list): a model is visible when one of its versions is discoverable (in review,
// approved, deprecated — gated models too: the catalog lists them and access is requested from their page)
// or retired (it was public once; its callers are told so), or to its own team. Outside the team, draft and rejected versions do not exist. Reviewers and admins
// (`insider`) see every model and version. Whatever is not visible answers exactly like something that does
// not exist, so a 404 never tells a hidden model from a missing one.

export type ModelViewer = { teamIds: readonly string[]; insider?: boolean };

const discoverable = (status: string) => (DISCOVERABLE_STATUSES as readonly string[]).includes(status);

/** Whether the viewer sees everything of this model (its team, reviewers, admins). */
export function isModelInsider(model: { teamId: string }, viewer: ModelViewer): boolean {
  return Boolean(viewer.insider) || viewer.teamIds.includes(model.teamId);
}

/** Statuses that make a model known outside its team. Retired ones count: their callers get 410, not 404. */
export const VISIBLE_STATUSES = [...DISCOVERABLE_STATUSES, "retired"] as const;

/** Whether the viewer may know the model exists, given its versions' statuses. */
export function canSeeModel(model: { teamId: string }, statuses: readonly string[], viewer: ModelViewer): boolean {
  return isModelInsider(model, viewer) || statuses.some((s) => canSeeVersion(s, false));
}

/** Whether the viewer may know this version exists (retired ones stay visible: callers get 410, not 404). */
export function canSeeVersion(status: string, insider: boolean): boolean {
  return insider || discoverable(status) || status === "retired";
}
