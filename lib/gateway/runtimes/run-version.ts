import "server-only";
import { runHttp } from "@/lib/gateway/runtimes/http";
import { runOnnx } from "@/lib/gateway/runtimes/onnx";
import { runOpenAi } from "@/lib/gateway/runtimes/openai";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";

/** Dispatches a call to the version's runtime. */
export function runVersion(call: RuntimeCall): Promise<RuntimeResult> {
  if (call.config.runtime === "onnx") return runOnnx(call);
  if (call.config.runtime === "openai" || call.config.httpProtocol === "openai") return runOpenAi(call);
  return runHttp(call);
}
