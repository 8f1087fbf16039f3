/** High-risk models need this many approvals from different reviewers; others one. */
export const approvalsRequired = (risk: string | null) => (risk === "high" ? 2 : 1);
