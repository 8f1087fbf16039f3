import { describe, expect, it } from "vitest";
import { newRequestId } from "@/lib/server/request-id";

describe("newRequestId", () => {
  it("is req_ and a random v4 UUID, never repeated", () => {
    const ids = Array.from({ length: 2000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
