import type { Metadata } from "next";
import { OperationView, type Operation } from "@/components/api-docs/operation-view";
import { SchemaView, type JsonSchema } from "@/components/api-docs/schema-view";
import { apiDocument } from "@/app/api/openapi-document";

export const metadata: Metadata = { title: "API reference" };

// The same document as GET /api/openapi.json, rendered on the server: no client bundle, no CDN.
export default function ApiReferencePage() {
  const doc = apiDocument();
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, Operation>)) {
      const tag = op.tags[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...byTag.keys()].sort();
  const schemes = Object.entries(doc.components.securitySchemes) as [string, { description: string }][];
  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[12rem_minmax(0,1fr)]">
      <nav aria-label="API sections" className="text-sm lg:sticky lg:top-4 lg:self-start">
        <ul className="space-y-1">
          <li>
            <a href="#auth" className="underline">
              Authentication
            </a>
          </li>
          <li>
            <a href="#errors" className="underline">
              Errors
            </a>
          </li>
          {tags.map((t) => (
            <li key={t}>
              <a href={`#tag-${t}`} className="capitalize underline">
                {t}
              </a>
            </li>
          ))}
          <li>
            <a href="/api/openapi.json" className="underline">
              openapi.json
            </a>
          </li>
          <li>
            <a href="/docs/mcp" className="underline">
              MCP server for agents
            </a>
          </li>
          <li>
            <a href="/docs/oip" className="underline">
              Open Inference Protocol
            </a>
          </li>
        </ul>
      </nav>
      <div className="space-y-8">
        <header>
          <h1 className="text-2xl font-semibold">
            {doc.info.title}{" "}
            <span className="text-base font-normal text-slate-500">
              v{doc.info.version} · OpenAPI {doc.openapi}
            </span>
          </h1>
          <p className="text-slate-600">{doc.info.description}</p>
        </header>
        <section id="auth" aria-labelledby="auth-title">
          <h2 id="auth-title" className="mb-2 text-xl font-semibold">
            Authentication
          </h2>
          <ul className="list-disc pl-5 text-sm">
            {schemes.map(([name, s]) => (
              <li key={name}>
                <code className="font-semibold">{name}</code> — {s.description}
              </li>
            ))}
          </ul>
        </section>
        <section id="errors" aria-labelledby="errors-title">
          <h2 id="errors-title" className="mb-2 text-xl font-semibold">
            Errors
          </h2>
          <SchemaView schema={doc.components.schemas.Error as JsonSchema} />
        </section>
        {tags.map((tag) => (
          <section key={tag} id={`tag-${tag}`} aria-labelledby={`tag-${tag}-title`} className="space-y-3">
            <h2 id={`tag-${tag}-title`} className="text-xl font-semibold capitalize">
              {tag}
            </h2>
            {byTag.get(tag)!.map((o) => (
              <OperationView key={`${o.method} ${o.path}`} {...o} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
