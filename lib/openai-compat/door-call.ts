import "server-only";
import { speaksOpenAi } from "@/lib/gateway/runtimes/openai";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";
import type { Caller } from "@/lib/auth/principal";
import { AppError } from "@/lib/server/errors";
import { parseModelRef } from "@/lib/openai-compat/parse-model-ref";

export type DoorCall = { body: { model: string } & Record<string, unknown>; bytes: number; caller: Caller; requestId: string };

/** The door only reaches versions that speak OpenAI's protocol; the others have their own invoke route. */
export function onlyOpenAi<A extends unknown[]>(run: (call: RuntimeCall, ...rest: A) => Promise<RuntimeResult>) {
  return (call: RuntimeCall, ...rest: A) => {
    if (!speaksOpenAi(call.config)) {
      throw new AppError(
        "bad_request",
        "This model version is not an OpenAI-compatible LLM; call it with POST /api/v1/models/{owner}/{name}/invoke.",
      );
    }
    return run(call, ...rest);
  };
}

/** The governed call (lib/gateway/invoke-model.ts) for a door request: the model's name comes from the body. */
export function invokeFor({ body, bytes, caller, requestId }: DoorCall, input: Record<string, unknown>) {
  const { owner, name, selector } = parseModelRef(body.model);
  return { body: { input, bytes }, caller, requestId, owner, name, selector, channel: "openai" as const };
}
