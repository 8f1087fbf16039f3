import { AppError } from "@/lib/server/errors";
import { flatten, unflatten } from "@/lib/gateway/runtimes/tensors";
import type { OipDatatype, OipInputTensor, OipOutputTensor } from "@/lib/oip/schemas";

// Open Inference Protocol tensors ⇄ the gateway's JSON input/output ({name: nested array}).

const bad = (message: string) => new AppError("bad_request", message);

function fits(datatype: OipDatatype, v: unknown): boolean {
  if (datatype === "BOOL") return typeof v === "boolean";
  if (datatype === "BYTES") return typeof v === "string";
  if (datatype.startsWith("FP")) return typeof v === "number" && Number.isFinite(v);
  if (typeof v !== "number" || !Number.isInteger(v)) return false;
  return datatype.startsWith("UINT") ? v >= 0 : true;
}

/** The request's tensors as named nested arrays; 400 when a tensor's data does not fill its shape or its datatype. */
export function fromOipInputs(inputs: OipInputTensor[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of inputs) {
    if (t.name in out) throw bad(`The input ${t.name} is given twice.`);
    const flat = (t.data as unknown[]).flat(Infinity);
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (flat.length !== count) {
      throw bad(`The input ${t.name} has shape [${t.shape.join(", ")}] (${count} elements) but ${flat.length} data values.`);
    }
    const wrong = flat.findIndex((v) => !fits(t.datatype, v));
    if (wrong >= 0) throw bad(`The input ${t.name} is ${t.datatype}, but its element ${wrong} (${JSON.stringify(flat[wrong])}) is not.`);
    out[t.name] = unflatten(flat, t.shape);
  }
  return out;
}

/** onnxruntime's element types → the protocol's datatypes. */
export function oipDatatypeOfOnnx(type: string): string {
  const map: Record<string, string> = {
    float32: "FP32",
    float64: "FP64",
    float16: "FP16",
    int8: "INT8",
    int16: "INT16",
    int32: "INT32",
    int64: "INT64",
    uint8: "UINT8",
    uint16: "UINT16",
    uint32: "UINT32",
    uint64: "UINT64",
    bool: "BOOL",
    string: "BYTES",
  };
  return map[type] ?? type.toUpperCase();
}

function guessDatatype(flat: unknown[]): string {
  if (flat.length && flat.every((v) => typeof v === "boolean")) return "BOOL";
  if (flat.length && flat.every((v) => typeof v === "string")) return "BYTES";
  if (flat.length && flat.every((v) => typeof v === "number" && Number.isInteger(v))) return "INT64";
  return "FP32";
}

/** The gateway's output ({name: nested array}) as response tensors; only the requested ones when the request names some. */
export function toOipOutputs(
  output: unknown,
  datatypes: ReadonlyMap<string, string>,
  requested?: readonly { name: string }[],
): OipOutputTensor[] {
  const entries = Object.entries(output && typeof output === "object" && !Array.isArray(output) ? output : { output });
  const wanted = requested?.length ? new Set(requested.map((r) => r.name)) : null;
  return entries
    .filter(([name]) => !wanted || wanted.has(name))
    .map(([name, value]) => {
      const { dims, flat } = flatten(value, `/${name}`);
      return { name, shape: dims, datatype: datatypes.get(name) ?? guessDatatype(flat), data: flat };
    });
}

/** 400 when the request asks for an output the model does not give. */
export function checkRequestedOutputs(output: unknown, requested?: readonly { name: string }[]): void {
  const names = output && typeof output === "object" && !Array.isArray(output) ? Object.keys(output) : ["output"];
  const missing = requested?.find((r) => !names.includes(r.name));
  if (missing) throw bad(`The model has no output named ${missing.name}.`);
}
