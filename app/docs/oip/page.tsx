import type { Metadata } from "next";
import Link from "next/link";
import { DocsNav } from "@/components/api-docs/docs-nav";
import { CopyButton } from "@/components/snippets/copy-button";
import { pageBaseUrl } from "@/lib/snippets/page-base-url";

export const metadata: Metadata = { title: "Open Inference Protocol (KServe V2)" };

const ROUTES: { method: string; path: string; what: string }[] = [
  { method: "GET", path: "/v2/health/ready", what: "The server is ready (always true while the portal answers)" },
  { method: "GET", path: "/v2/models/{name}", what: "Model metadata: platform, versions, inputs and outputs with datatype and shape" },
  { method: "GET", path: "/v2/models/{name}/ready", what: "The model has an approved version the key may call" },
  { method: "POST", path: "/v2/models/{name}/infer", what: "Inference on the latest approved version: input tensors → output tensors" },
  { method: "GET", path: "/v2/models/{name}/versions/{version}", what: "Metadata of one version" },
  { method: "GET", path: "/v2/models/{name}/versions/{version}/ready", what: "That version may be called" },
  { method: "POST", path: "/v2/models/{name}/versions/{version}/infer", what: "Inference on that version" },
];

// The Open Inference Protocol door (/oip/{owner}/v2/…) described for people: which models, the base URL a
// standard client is given, the routes, a request to copy and the error form.
export default async function OipDocsPage() {
  const base = await pageBaseUrl();
  const example = `curl -sS -X POST "${base}/oip/{owner}/v2/models/{name}/versions/{version}/infer" \\
  -H "Authorization: Bearer $MODELPORT_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"inputs": [{"name": "features", "shape": [1, 4], "datatype": "FP32", "data": [5.1, 3.5, 1.4, 0.2]}]}'`;
  const python = `import os, requests

base = "${base}/oip/{owner}"  # every Open Inference Protocol client takes this as its base URL
headers = {"Authorization": f"Bearer {os.environ['MODELPORT_API_KEY']}"}
print(requests.get(f"{base}/v2/models/{name}", headers=headers).json())  # inputs, outputs, datatypes
answer = requests.post(
    f"{base}/v2/models/{name}/infer",
    headers=headers,
    json={"inputs": [{"name": "features", "shape": [1, 4], "datatype": "FP32", "data": [5.1, 3.5, 1.4, 0.2]}]},
).json()
print(answer["outputs"])`;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <DocsNav current="oip" />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Open Inference Protocol (KServe V2)</h1>
        <p className="text-slate-600">
          Tensor models answer the Open Inference Protocol&apos;s REST API, the one KServe, Triton and Seldon MLServer speak, so a client
          written for those servers works unchanged. Each owner (team) has its own base URL:{" "}
          <code className="break-all">{base}/oip/&#123;owner&#125;</code>. It serves ONNX versions (tensors mapped to the model&apos;s
          inputs and outputs) and HTTP versions whose server speaks KServe V2 (passed through).
        </p>
        <p className="text-sm text-slate-600">
          Calls authenticate with a Modelport API key as <code>Authorization: Bearer …</code> (scope <strong>invoke</strong>) and go through
          the same gateway as every other call: gated models need an access grant for the key&apos;s app, rate limits and cost apply, and
          each call is recorded under its app with the channel “OIP”. Create a key under{" "}
          <Link href="/apps" className="underline">
            My apps
          </Link>
          ; a model page&apos;s “OIP (curl)” snippet has the model&apos;s own example input.
        </p>
      </header>
      <section aria-labelledby="oip-routes-title" className="space-y-2">
        <h2 id="oip-routes-title" className="text-lg font-semibold">
          Routes, under {`{base}/oip/{owner}`}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th className="py-1 pr-4">Method</th>
                <th className="py-1 pr-4">Path</th>
                <th className="py-1">What it answers</th>
              </tr>
            </thead>
            <tbody>
              {ROUTES.map((r) => (
                <tr key={`${r.method} ${r.path}`} className="border-b border-slate-100 align-top">
                  <td className="py-1 pr-4">{r.method}</td>
                  <td className="py-1 pr-4">
                    <code className="break-all">{r.path}</code>
                  </td>
                  <td className="py-1">{r.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-sm text-slate-600">
          Datatypes: BOOL, INT8–INT64, UINT8–UINT64, FP32, FP64 and BYTES (strings). <code>data</code> is the tensor flattened in row-major
          order and must fill its <code>shape</code>; <code>outputs</code> in the request may name the outputs wanted. The routes are also
          in the{" "}
          <Link href="/docs/api#tag-open-inference-protocol" className="underline">
            API reference
          </Link>
          .
        </p>
      </section>
      <section aria-labelledby="oip-example-title" className="space-y-3">
        <h2 id="oip-example-title" className="text-lg font-semibold">
          A request to start from
        </h2>
        <Example title="curl" code={example} />
        <Example title="Python (requests)" code={python} />
      </section>
      <section aria-labelledby="oip-errors-title" className="space-y-2">
        <h2 id="oip-errors-title" className="text-lg font-semibold">
          Errors
        </h2>
        <p className="text-sm text-slate-600">
          In the protocol&apos;s form, <code>{`{"error": "<message>"}`}</code>, with the same status codes as the rest of the API (400 for a
          tensor that does not fit its shape or datatype, 401 without a valid key, 403 for a gated model without a grant, 404 for an unknown
          model, 429 over the rate limit with <code>Retry-After</code>). The request id is in the <code>X-Request-Id</code> header.
        </p>
      </section>
    </div>
  );
}

function Example({ title, code }: { title: string; code: string }) {
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-medium">{title}</h3>
        <CopyButton text={code} label={`Copy the ${title} example`} />
      </div>
      <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}
