import "server-only";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { toResponse } from "@/lib/gateway/invoke-endpoint";
import { runOpenAiEmbeddings } from "@/lib/gateway/runtimes/openai";
import { invokeFor, onlyOpenAi, type DoorCall } from "@/lib/openai-compat/door-call";

/** POST /v1/embeddings through the governed call. */
export async function createEmbeddings(call: DoorCall): Promise<Response> {
  const { model: _model, ...input } = call.body;
  const parts = await invokeModel({
    ...invokeFor(call, input),
    run: onlyOpenAi(runOpenAiEmbeddings),
    render: (output) => JSON.stringify(output),
  });
  return toResponse(parts);
}
