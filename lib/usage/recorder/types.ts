import type { Channel } from "@/lib/generated/prisma/enums";

/** One invocation as the gateway records it (an `invocations` row). */
export type InvocationRecord = {
  at: Date;
  requestId: string;
  modelId: string;
  versionId: string;
  appId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  channel: Channel;
  statusCode: number;
  errorCode: string | null;
  /** The gateway's own time (total minus upstream), ms. */
  gatewayMs: number;
  upstreamMs: number;
  bytesIn: number;
  bytesOut: number;
  tokensIn: number | null;
  tokensOut: number | null;
  costMicros: bigint;
  valueMicros: bigint;
};
