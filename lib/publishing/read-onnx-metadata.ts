// Reads ModelProto.metadata_props (field 14: repeated StringStringEntryProto {key = 1, value = 2}) from an ONNX
// file's protobuf wire format. Only the top level is walked, and every other field is skipped by its length,
// so a 100 MB graph costs a handful of steps; no decoder for the whole ONNX schema is needed at run time.

const METADATA_PROPS = 14;

type Cursor = { bytes: Uint8Array; at: number };

function varint(c: Cursor): number {
  let result = 0;
  let factor = 1;
  for (let i = 0; i < 10; i++) {
    if (c.at >= c.bytes.length) throw new Error("truncated varint");
    const byte = c.bytes[c.at++];
    result += (byte & 0x7f) * factor;
    if (byte < 0x80) return result;
    factor *= 128;
  }
  throw new Error("varint too long");
}

function skip(c: Cursor, wireType: number): void {
  if (wireType === 0) varint(c);
  else if (wireType === 1) c.at += 8;
  else if (wireType === 2) {
    const length = varint(c); // read before adding: `c.at += varint(c)` would add to the position before the length
    c.at += length;
  } else if (wireType === 5) c.at += 4;
  else throw new Error(`unsupported wire type ${wireType}`);
  if (c.at > c.bytes.length) throw new Error("truncated field");
}

function entry(bytes: Uint8Array): [string, string] {
  const c: Cursor = { bytes, at: 0 };
  let key = "";
  let value = "";
  const decoder = new TextDecoder();
  while (c.at < bytes.length) {
    const tag = varint(c);
    if ((tag & 7) === 2 && (tag >>> 3 === 1 || tag >>> 3 === 2)) {
      const length = varint(c);
      const text = decoder.decode(bytes.subarray(c.at, c.at + length));
      c.at += length;
      if (tag >>> 3 === 1) key = text;
      else value = text;
    } else skip(c, tag & 7);
  }
  return [key, value];
}

/** The model's metadata_props as a plain object; {} when the file has none or is not a readable protobuf. */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const c: Cursor = { bytes, at: 0 };
  try {
    while (c.at < bytes.length) {
      const tag = varint(c);
      if (tag >>> 3 === METADATA_PROPS && (tag & 7) === 2) {
        const length = varint(c);
        const [key, value] = entry(bytes.subarray(c.at, c.at + length));
        c.at += length;
        if (key) out[key] = value;
      } else skip(c, tag & 7);
    }
  } catch {
    return out;
  }
  return out;
}
