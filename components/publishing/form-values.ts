// Reading publishing form fields: JSON text areas and amounts of money.

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
