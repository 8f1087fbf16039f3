import { KEY_SLOT } from "@/lib/snippets/key-slot";
import type { SnippetRequest, SnippetWithTemplate } from "@/lib/snippets/build-snippets";

// The official OpenAI SDKs pointed at the portal's OpenAI-compatible door (/v1), for versions that speak
// OpenAI's protocol: the same pinned and range forms as the other snippets, as `model: "owner/name@<version>"`.

export const OPENAI_SDK_TARGETS = ["python-openai", "node-openai"] as const;

const DEFAULT_MESSAGES = [{ role: "user", content: "Hello!" }];

/** A JSON value as a Python literal (True/False/None; strings as JSON strings, which Python reads the same). */
function py(value: unknown, indent: string): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number" || typeof value === "string") return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${py(v, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${py(v, inner)},`).join("\n")}\n${indent}}`;
}

/** The request's parameters: the version's example (its messages and settings), never its own model or stream. */
function paramsOf(body: unknown): Record<string, unknown> {
  const example = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { model: _model, stream: _stream, stream_options: _options, ...rest } = example;
  return { messages: Array.isArray(rest.messages) && rest.messages.length ? rest.messages : DEFAULT_MESSAGES, ...rest };
}

/** Python and Node.js snippets with the official `openai` SDK for one OpenAI-compatible version. */
export function buildOpenAiSdkSnippets(req: Omit<SnippetRequest, "targets"> & { targets?: string[] }): SnippetWithTemplate[] {
  const baseURL = `${req.baseUrl.replace(/\/+$/, "")}/v1`;
  const model = `${req.model}@${req.version}`;
  const params = paramsOf(req.body);
  const pyArgs = Object.entries(params)
    .map(([k, v]) => `    ${k}=${py(v, "    ")},`)
    .join("\n");
  const python = (key: string) => `${key === "env" ? "import os\n\n" : ""}from openai import OpenAI

# pip install openai — Modelport's OpenAI-compatible door; the model is owner/name@<version or range>.
client = OpenAI(base_url=${JSON.stringify(baseURL)}, api_key=${key === "env" ? 'os.environ["MODELPORT_API_KEY"]' : JSON.stringify(KEY_SLOT)})

completion = client.chat.completions.create(
    model=${JSON.stringify(model)},
${pyArgs}
)
print(completion.choices[0].message.content)
`;
  const nodeArgs = JSON.stringify({ model, ...params }, null, 2);
  const node = (key: string) => `import OpenAI from "openai";

// npm install openai — Modelport's OpenAI-compatible door; the model is owner/name@<version or range>.
const client = new OpenAI({ baseURL: ${JSON.stringify(baseURL)}, apiKey: ${key === "env" ? "process.env.MODELPORT_API_KEY" : JSON.stringify(KEY_SLOT)} });

const completion = await client.chat.completions.create(${nodeArgs});
console.log(completion.choices[0].message.content);
`;
  const all = [
    { target: "python-openai", label: "Python (OpenAI SDK)", write: python },
    { target: "node-openai", label: "Node.js (OpenAI SDK)", write: node },
  ];
  return all
    .filter((s) => !req.targets?.length || req.targets.includes(s.target))
    .map((s) => ({
      target: s.target,
      client: "openai",
      label: s.label,
      form: req.form,
      version: req.version,
      code: s.write("env"),
      template: s.write("slot"),
    }));
}
