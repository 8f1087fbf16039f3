import { KEY_SLOT } from "@/lib/snippets/key-slot";
import type { SnippetRequest, SnippetWithTemplate } from "@/lib/snippets/build-snippets";
import { flatten } from "@/lib/gateway/runtimes/tensors";

// A curl call to the portal's Open Inference Protocol (KServe V2) door (/oip/{owner}/v2/…) for tensor versions
// (ONNX, or behind a KServe V2 server): the version's example input as protocol tensors. The protocol has
// no version ranges, so only the pinned form (…/versions/{version}/infer) gets one.

export const OIP_TARGETS = ["oip-curl"] as const;

type PropertySchema = { type?: unknown; items?: PropertySchema };
function datatypeOf(schema: PropertySchema | undefined, flat: unknown[]): string {
  let s = schema;
  while (s && s.type === "array") s = s.items;
  if (s?.type === "integer") return "INT64";
  if (s?.type === "boolean" || (flat.length && flat.every((v) => typeof v === "boolean"))) return "BOOL";
  if (s?.type === "string" || (flat.length && flat.every((v) => typeof v === "string"))) return "BYTES";
  return "FP32";
}

/** The example input ({name: nested array}) as an inference request; null when it is not tensors. */
export function oipRequestOf(example: unknown, inputSchema: unknown): { inputs: unknown[] } | null {
  if (!example || typeof example !== "object" || Array.isArray(example)) return null;
  const props = (inputSchema as { properties?: Record<string, PropertySchema> } | null)?.properties ?? {};
  try {
    const inputs = Object.entries(example as Record<string, unknown>).map(([name, value]) => {
      const { dims, flat } = flatten(value, `/${name}`);
      return { name, shape: dims, datatype: datatypeOf(props[name], flat), data: flat };
    });
    return inputs.length ? { inputs } : null;
  } catch {
    return null; // ragged: not a tensor
  }
}

/** The "OIP (curl)" snippet of one tensor version, pinned form only. */
export function buildOipSnippets(
  req: Omit<SnippetRequest, "targets"> & { targets?: string[]; inputSchema: unknown },
): SnippetWithTemplate[] {
  if (req.form !== "pinned" || (req.targets?.length && !req.targets.includes("oip-curl"))) return [];
  const request = oipRequestOf(req.body, req.inputSchema);
  if (!request) return [];
  const [owner, name] = req.model.split("/").map(encodeURIComponent);
  const url = `${req.baseUrl.replace(/\/+$/, "")}/oip/${owner}/v2/models/${name}/versions/${encodeURIComponent(req.version)}/infer`;
  const data = JSON.stringify(request).replace(/'/g, "'\\''");
  const write = (
    key: string,
  ) => `# Open Inference Protocol (KServe V2): every OIP client works with base URL ${req.baseUrl.replace(/\/+$/, "")}/oip/${owner}
curl -sS -X POST "${url}" \\
  -H "Authorization: Bearer ${key}" \\
  -H "Content-Type: application/json" \\
  -d '${data}'
`;
  return [
    {
      target: "oip-curl",
      client: "oip",
      label: "OIP (curl)",
      form: req.form,
      version: req.version,
      code: write("$MODELPORT_API_KEY"),
      template: write(KEY_SLOT),
    },
  ];
}
