import { ZodError } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { AppError } from "@/lib/server/errors";

export type { ActionState };

/** Turns a thrown error into a message for the form; unknown errors are logged and not shown. */
export function failure(error: unknown): ActionState {
  if (error instanceof AppError) return { ok: false, message: error.message };
  if (error instanceof ZodError)
    return { ok: false, message: error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") };
  console.error("admin action failed", error);
  return { ok: false, message: "Something went wrong; nothing was changed." };
}
