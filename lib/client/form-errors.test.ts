import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, apiErrorOf } from "@/lib/client/api";
import { firstErrorOf, formErrorsOf } from "@/lib/client/form-errors";
import { AppError } from "@/lib/server/errors";
import { errorParts } from "@/lib/http/respond";

// The ApiError the browser gets for what the server throws, through the portal's own error writer.
function refused(thrown: unknown): ApiError {
  const parts = errorParts(thrown, "req_test");
  return apiErrorOf({ status: parts.status, ok: false, headers: new Headers(parts.headers), data: JSON.parse(parts.body) });
}

const modelBody = z.object({ name: z.string().min(2), costModel: z.object({ microsPerCall: z.number().min(0) }) });

describe("formErrorsOf", () => {
  it("puts each zod issue on its field (aliases map API paths to field names), with no form message", () => {
    const parsed = modelBody.safeParse({ name: "x", costModel: { microsPerCall: -1 } });
    const errors = formErrorsOf(refused(parsed.error), { "costModel.microsPerCall": "costPerCall" });
    expect(Object.keys(errors.fields).sort()).toEqual(["costPerCall", "name"]);
    expect(errors.fields.name).toMatch(/2/);
    expect(errors.form).toBeUndefined();
  });

  it("puts a domain error naming its field on that field", () => {
    const errors = formErrorsOf(refused(new AppError("conflict", "That name is taken in this team.", { details: { field: "name" } })));
    expect(errors).toEqual({ fields: { name: "That name is taken in this team." }, form: undefined });
  });

  it("shows any other refusal for the whole form", () => {
    const errors = formErrorsOf(refused(new AppError("forbidden", "Only the owning team may do this.")));
    expect(errors).toEqual({ form: "Only the owning team may do this.", fields: {} });
    expect(formErrorsOf(new Error("Pick an app."))).toEqual({ form: "Pick an app.", fields: {} });
  });

  it("firstErrorOf gives the one message of a form without fields", () => {
    expect(firstErrorOf(refused(new AppError("invalid_transition", "Only drafts can be deleted.")))).toBe("Only drafts can be deleted.");
    expect(firstErrorOf(refused(new AppError("conflict", "Taken.", { details: { field: "name" } })))).toBe("Taken.");
    expect(firstErrorOf(null)).toBeUndefined();
  });
});
