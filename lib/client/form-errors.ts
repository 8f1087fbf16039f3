// Turns a refused call (ApiError: the portal's public error shape) into a message per form field, plus one
// for the whole form: zod issues land on their fields (`aliases` maps API paths to field names).
import { ApiError } from "@/lib/client/api";

export type FormErrors = { form?: string; fields: Record<string, string> };

type Issue = { path: string; message: string };

export function formErrorsOf(error: unknown, aliases: Record<string, string> = {}): FormErrors {
  if (!(error instanceof ApiError)) return { form: error instanceof Error ? error.message : String(error), fields: {} };
  const fields: Record<string, string> = {};
  const put = (path: string, message: string) => {
    const field = aliases[path] ?? aliases[path.split(".")[0]] ?? path.split(".")[0];
    fields[field] ??= message;
  };
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as Issue[]) : [];
  for (const issue of issues) put(issue.path, issue.message);
  if (typeof error.details.field === "string") put(error.details.field, error.message);
  return { form: Object.keys(fields).length ? undefined : error.message, fields };
}

/** The one message of a refused call, for forms without fields of their own. */
export function firstErrorOf(error: unknown): string | undefined {
  if (!error) return undefined;
  const e = formErrorsOf(error);
  return e.form ?? Object.values(e.fields)[0];
}
