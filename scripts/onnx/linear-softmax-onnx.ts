// Builds the ONNX graph of a standardised multinomial logistic regression:
//
//   features [N,k] float32 ─ Sub(mean) ─ Div(std) ─ MatMul(W) ─ Add(b) = logits [N,C]
//   logits ─ Softmax(axis=1) → probabilities [N,C] float32
//   logits ─ ArgMax(axis=1, keepdims=0) → label [N] int64
//
// The protobuf is written with `onnx-proto` (static protobufjs code generated from the official onnx.proto).
// Encoding is deterministic: same parameters → same bytes.
import { onnx } from "onnx-proto";

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;

export interface LinearSoftmaxParams {
  /** Graph name, e.g. the model slug. */
  name: string;
  docString: string;
  /** Per-feature mean (length k), subtracted first. */
  mean: Float32Array;
  /** Per-feature standard deviation (length k, all > 0), divided by second. */
  std: Float32Array;
  /** Weights, row-major [k, C]. */
  weights: Float32Array;
  /** Bias (length C). */
  bias: Float32Array;
  featureCount: number;
  classCount: number;
  /** Extra key/value pairs stored in ModelProto.metadata_props. */
  metadata: Record<string, string>;
  producerVersion: string;
}

function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (values.length !== expected) throw new Error(`tensor ${name}: ${values.length} values for dims [${dims.join(",")}]`);
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true)); // ONNX raw_data is little-endian
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw };
}

function tensorValueInfo(name: string, elemType: number, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

/** Returns the serialised ONNX ModelProto. */
export function buildLinearSoftmaxOnnx(p: LinearSoftmaxParams): Uint8Array {
  const k = p.featureCount;
  const c = p.classCount;
  const graph: onnx.IGraphProto = {
    name: p.name,
    docString: p.docString,
    input: [tensorValueInfo("features", onnx.TensorProto.DataType.FLOAT, ["N", k])],
    output: [
      tensorValueInfo("probabilities", onnx.TensorProto.DataType.FLOAT, ["N", c]),
      tensorValueInfo("label", onnx.TensorProto.DataType.INT64, ["N"]),
    ],
    initializer: [
      floatTensor("feature_mean", [k], p.mean),
      floatTensor("feature_std", [k], p.std),
      floatTensor("weights", [k, c], p.weights),
      floatTensor("bias", [c], p.bias),
    ],
    node: [
      { name: "center", opType: "Sub", input: ["features", "feature_mean"], output: ["centered"] },
      { name: "scale", opType: "Div", input: ["centered", "feature_std"], output: ["standardized"] },
      { name: "linear", opType: "MatMul", input: ["standardized", "weights"], output: ["linear_out"] },
      { name: "add_bias", opType: "Add", input: ["linear_out", "bias"], output: ["logits"] },
      {
        name: "softmax",
        opType: "Softmax",
        input: ["logits"],
        output: ["probabilities"],
        attribute: [intAttribute("axis", 1)],
      },
      {
        name: "argmax",
        opType: "ArgMax",
        input: ["logits"],
        output: ["label"],
        attribute: [intAttribute("axis", 1), intAttribute("keepdims", 0)],
      },
    ],
  };
  const model: onnx.IModelProto = {
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: "", version: ONNX_OPSET }],
    producerName: "modelport-train-models",
    producerVersion: p.producerVersion,
    modelVersion: 1,
    docString: p.docString,
    graph,
    metadataProps: Object.entries(p.metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(model).finish();
}
