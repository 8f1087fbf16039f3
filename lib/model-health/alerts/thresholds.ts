import { z } from "zod";

const settings = z.record(z.string(), z.number());

/** A version's stored per-rule settings (`model_versions.alertThresholds`); anything unreadable counts as none. */
export function thresholdSettingsOf(stored: unknown): Record<string, number> {
  const parsed = settings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : {};
}
