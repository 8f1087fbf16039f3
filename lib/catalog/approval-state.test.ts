import { describe, expect, it } from "vitest";
import { isAwaitingApproval } from "@/lib/catalog/approval-state";

describe("isAwaitingApproval", () => {
  it("is true only while a version is in review and none is live", () => {
    expect(isAwaitingApproval(["pending_review"])).toBe(true);
    expect(isAwaitingApproval(["draft", "pending_review", "rejected"])).toBe(true);
    expect(isAwaitingApproval(["draft"])).toBe(false);
    expect(isAwaitingApproval(["draft", "rejected"])).toBe(false);
    expect(isAwaitingApproval(["pending_review", "approved"])).toBe(false);
    expect(isAwaitingApproval(["pending_review", "deprecated"])).toBe(false);
    expect(isAwaitingApproval([])).toBe(false);
  });
});
