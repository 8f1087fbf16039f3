import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { gaugeAtScrape } from "@/lib/server/metrics";
import { flatten, unflatten } from "@/lib/gateway/runtimes/tensors";
import type { RuntimeCall, RuntimeResult } from "@/lib/gateway/runtimes/types";

// One InferenceSession per version for the life of the process: loading is the expensive part; run()
// executes on onnxruntime's own thread pool, off the event loop.
const sessions = new Map<string, Promise<InferenceSession>>();
gaugeAtScrape("modelport_onnx_sessions", "ONNX inference sessions loaded in this process (one per version called).", () => sessions.size);

function artifactFile(artifactPath: string): string {
  if (path.isAbsolute(artifactPath)) return artifactPath;
  const inStore = path.resolve(env().ARTIFACT_DIR, artifactPath);
  return existsSync(inStore) ? inStore : path.resolve(artifactPath);
}

function sessionFor(versionId: string, artifactPath: string): Promise<InferenceSession> {
  let session = sessions.get(versionId);
  if (!session) {
    session = InferenceSession.create(artifactFile(artifactPath), { graphOptimizationLevel: "all", intraOpNumThreads: 1 });
    sessions.set(versionId, session);
    session.catch(() => sessions.delete(versionId));
  }
  return session;
}

type TensorType = "float32" | "float64" | "int32" | "int64" | "bool" | "string" | "int8" | "uint8";

function toTensor(name: string, value: unknown, type: string, shape: readonly (number | string)[] | undefined): Tensor {
  const pointer = `/${name}`;
  const { dims, flat } = flatten(value, pointer);
  if (shape && shape.length !== dims.length) {
    throw new AppError("schema_validation_failed", `The input ${name} must have ${shape.length} dimension(s), not ${dims.length}.`, {
      details: { pointer },
    });
  }
  shape?.forEach((d, i) => {
    if (typeof d === "number" && d > 0 && dims[i] !== d) {
      throw new AppError("schema_validation_failed", `Dimension ${i} of the input ${name} must be ${d}, not ${dims[i]}.`, {
        details: { pointer },
      });
    }
  });
  const bad = () => new AppError("schema_validation_failed", `The input ${name} must hold ${type} values.`, { details: { pointer } });
  switch (type as TensorType) {
    case "float32":
    case "float64":
    case "int32":
    case "int8":
    case "uint8": {
      if (!flat.every((v) => typeof v === "number" && Number.isFinite(v))) throw bad();
      const nums = flat as number[];
      const data =
        type === "float32"
          ? Float32Array.from(nums)
          : type === "float64"
            ? Float64Array.from(nums)
            : type === "int32"
              ? Int32Array.from(nums)
              : type === "int8"
                ? Int8Array.from(nums)
                : Uint8Array.from(nums);
      return new Tensor(type as "float32", data as Float32Array, dims);
    }
    case "int64":
      if (!flat.every((v) => typeof v === "number" && Number.isInteger(v))) throw bad();
      return new Tensor(
        "int64",
        BigInt64Array.from(flat as number[], (v) => BigInt(v)),
        dims,
      );
    case "bool":
      if (!flat.every((v) => typeof v === "boolean")) throw bad();
      return new Tensor(
        "bool",
        Uint8Array.from(flat as boolean[], (v) => (v ? 1 : 0)),
        dims,
      );
    case "string":
      if (!flat.every((v) => typeof v === "string")) throw bad();
      return new Tensor("string", flat as string[], dims);
    default:
      throw new AppError("unprocessable", `The model takes a ${type} input, which the portal cannot build from JSON.`);
  }
}

/** Runs an ONNX version in-process: JSON object {inputName: nested array} → tensors → {outputName: nested array}. */
export async function runOnnx({ config, input }: RuntimeCall): Promise<RuntimeResult> {
  if (!config.artifactPath) throw new AppError("upstream_unavailable", "This ONNX version has no uploaded artifact.");
  let session: InferenceSession;
  try {
    session = await sessionFor(config.id, config.artifactPath);
  } catch (error) {
    throw new AppError("upstream_unavailable", "The model's ONNX artifact could not be loaded.", { cause: error });
  }
  const single = session.inputNames.length === 1 ? session.inputNames[0] : null;
  const body = (input ?? {}) as Record<string, unknown>;
  const feeds: Record<string, Tensor> = {};
  for (const meta of session.inputMetadata) {
    const value = Array.isArray(input) && single ? input : body[meta.name];
    if (value === undefined) {
      throw new AppError("schema_validation_failed", `The input ${meta.name} is missing.`, { details: { pointer: `/${meta.name}` } });
    }
    const tensorMeta = meta.isTensor ? meta : null;
    feeds[meta.name] = toTensor(meta.name, value, tensorMeta?.type ?? "float32", tensorMeta?.shape);
  }
  const started = performance.now();
  let results: InferenceSession.OnnxValueMapType;
  try {
    results = await session.run(feeds);
  } catch (error) {
    throw new AppError("upstream_error", `The model could not run on this input: ${(error as Error).message.split("\n")[0]}`, {
      cause: error,
    });
  }
  const upstreamMs = performance.now() - started;
  const output: Record<string, unknown> = {};
  for (const name of session.outputNames) {
    const tensor = results[name] as Tensor;
    output[name] = unflatten(tensor.data as ArrayLike<unknown>, tensor.dims);
  }
  return { output, upstreamMs };
}

export type TensorSignature = { name: string; type: string; shape: (number | string)[] };

/** The tensors an ONNX version takes and gives (onnxruntime's element type names; -1 or a name for a free dimension). */
export async function onnxSignature(config: { id: string; artifactPath: string | null }): Promise<{
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}> {
  if (!config.artifactPath) throw new AppError("upstream_unavailable", "This ONNX version has no uploaded artifact.");
  let session: InferenceSession;
  try {
    session = await sessionFor(config.id, config.artifactPath);
  } catch (error) {
    throw new AppError("upstream_unavailable", "The model's ONNX artifact could not be loaded.", { cause: error });
  }
  const of = (metas: readonly InferenceSession.ValueMetadata[]) =>
    metas.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: "unknown", shape: [] }));
  return { inputs: of(session.inputMetadata), outputs: of(session.outputMetadata) };
}
