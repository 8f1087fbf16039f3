import type { ModelVersion } from "@/lib/generated/prisma/client";
import type { TensorInfo } from "@/lib/publishing/derive-onnx-schema";
import type { VersionView } from "@/lib/publishing/schemas";

/** The public shape of a version for publishers. The secret header value never leaves the server. */
export function toVersionView(v: ModelVersion, modelSlug: string, onnx?: { inputs: TensorInfo[]; outputs: TensorInfo[] }): VersionView {
  return {
    id: v.id,
    model: modelSlug,
    version: v.version,
    status: v.status,
    runtime: v.runtime,
    protocol: v.httpProtocol,
    endpointUrl: v.endpointUrl,
    upstreamModelName: v.upstreamModelName,
    secretHeaderName: v.secretHeaderName,
    timeoutMs: v.timeoutMs,
    artifactSha256: v.artifactSha256,
    artifactSize: v.artifactSize === null ? null : Number(v.artifactSize),
    inputSchema: v.inputSchema,
    outputSchema: v.outputSchema,
    exampleInput: v.exampleInput,
    costModel: v.costModel,
    changelog: v.changelog,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    ...(onnx ? { onnx } : {}),
  };
}
