// The model-health settings read from the environment (each with a default; a typo fails loudly, every run).

function numberSetting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, not "${raw}".`);
  return value;
}

/** Days a captured payload is kept (MODELPORT_CAPTURE_RETENTION_DAYS, default 30). */
export const captureRetentionDays = () => numberSetting("MODELPORT_CAPTURE_RETENTION_DAYS", 30, 0);

/** Captured calls a version needs before its reference is built from them (MODELPORT_REFERENCE_FROM_CAPTURES, default 500). */
export const referenceFromCapturesCount = () => Math.floor(numberSetting("MODELPORT_REFERENCE_FROM_CAPTURES", 500, 1));

/** Largest reference dataset accepted, in bytes (MODELPORT_MAX_REFERENCE_BYTES, default 20 MB). */
export const maxReferenceBytes = () => Math.floor(numberSetting("MODELPORT_MAX_REFERENCE_BYTES", 20_000_000, 1));
