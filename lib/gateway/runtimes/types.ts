import type { VersionConfig } from "@/lib/gateway/load-version-config";

export type RuntimeResult = {
  output: unknown;
  upstreamMs: number;
  tokensIn?: number | null;
  tokensOut?: number | null;
  /** Set by a runtime that streamed its answer to the client itself (the bytes it sent). */
  bytesOut?: number;
};

export type RuntimeCall = { config: VersionConfig; input: unknown; requestId: string };

/** Upstream responses are bounded; above this the call fails with 502 rather than buffering without end. */
export const MAX_UPSTREAM_BYTES = Number(process.env.MODELPORT_MAX_UPSTREAM_BYTES ?? 10_000_000);
