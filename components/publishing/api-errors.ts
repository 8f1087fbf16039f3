// Turns the portal's public error shape into a message per form field (plus one for the whole form).

export type FormErrors = { form?: string; fields: Record<string, string> };

type ErrorBody = { error?: { code?: string; message?: string; details?: { field?: string; issues?: { path: string; message: string }[] } } };

export async function errorsFrom(res: Response, aliases: Record<string, string> = {}): Promise<FormErrors> {
  const body = (await res.json().catch(() => ({}))) as ErrorBody;
  const error = body.error;
  const fields: Record<string, string> = {};
  const put = (path: string, message: string) => {
    const field = aliases[path] ?? aliases[path.split(".")[0]] ?? path.split(".")[0];
    fields[field] ??= message;
  };
  for (const issue of error?.details?.issues ?? []) put(issue.path, issue.message);
  if (error?.details?.field && error.message) put(error.details.field, error.message);
  const form = Object.keys(fields).length ? undefined : (error?.message ?? `The request failed (${res.status}).`);
  return { form, fields };
}

/** Parses a JSON text field; undefined when blank, an error message when it is not JSON. */
export function parseJsonText(text: string): { value?: unknown; error?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `This is not valid JSON: ${(e as Error).message}` };
  }
}

/** "0.0025" (currency units) → 2500 micros; null when it is not a non-negative amount. */
export function toMicros(text: string): number | null {
  if (!text.trim()) return 0;
  if (!/^\d+(\.\d{0,6})?$/.test(text.trim())) return null;
  return Math.round(Number(text.trim()) * 1_000_000);
}
