import type { z } from "zod";
import { roiQuerySchema, usageQuerySchema, type RoiQuery, type UsageQuery } from "@/lib/usage/schemas";

// Dashboard filters live in the URL (shareable, back-button friendly). `range=7d|30d|90d` is a shortcut for
// from/to ending now; explicit from/to win. Invalid filters fall back to the defaults with a message.

export type SearchParams = Record<string, string | string[] | undefined>;
export const RANGES = ["24h", "7d", "30d", "90d"] as const;

function flat(params: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "") out[k] = value;
  }
  return out;
}

function withRange(p: Record<string, string>, now: Date): Record<string, string> {
  if (p.from || p.to) return p;
  const range = (RANGES as readonly string[]).includes(p.range ?? "") ? p.range! : "30d";
  const hours = range.endsWith("h") ? Number(range.slice(0, -1)) : Number(range.slice(0, -1)) * 24;
  return { ...p, range, from: new Date(now.getTime() - hours * 3_600_000).toISOString(), to: now.toISOString() };
}

type Parsed<Q> = { query: Q; error?: string; raw: Record<string, string> };

function dashboardParams<Q>(schema: z.ZodType<Q>, params: SearchParams, now: Date): Parsed<Q> {
  const raw = withRange(flat(params), now);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, raw };
  const fallback = withRange({ range: raw.range ?? "30d" }, now);
  return {
    query: schema.parse(fallback),
    raw: fallback,
    error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
  };
}

export const usageParams = (params: SearchParams, now = new Date()): Parsed<UsageQuery> => dashboardParams(usageQuerySchema, params, now);
export const roiParams = (params: SearchParams, now = new Date()): Parsed<RoiQuery> => dashboardParams(roiQuerySchema, params, now);

/** A URL with some filters changed (undefined removes one). */
export function hrefWith(path: string, current: Record<string, string>, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...current, ...changes })) if (v !== undefined && v !== "") next.set(k, v);
  // A preset range is re-resolved on load, so drop its computed bounds.
  if (next.get("range")) {
    next.delete("from");
    next.delete("to");
  }
  return `${path}?${next.toString()}`;
}
