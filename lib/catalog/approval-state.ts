/**
 * A model "awaits approval" while a version is in review and none is approved or deprecated yet. A model
 * with drafts (or rejections) only has not been submitted: it awaits nothing from a reviewer.
 */
export function isAwaitingApproval(statuses: readonly string[]): boolean {
  return statuses.includes("pending_review") && !statuses.includes("approved") && !statuses.includes("deprecated");
}
