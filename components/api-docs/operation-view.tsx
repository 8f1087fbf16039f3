import { SchemaView, typeLabel, type JsonSchema } from "@/components/api-docs/schema-view";

export type Operation = {
  summary: string;
  operationId: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
  security: Record<string, string[]>[];
};

const METHOD_COLORS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  delete: "bg-red-100 text-red-900",
  put: "bg-amber-100 text-amber-900",
  patch: "bg-amber-100 text-amber-900",
};

function authText(security: Operation["security"]): string {
  if (security.length === 0) return "No authentication";
  return security
    .map((s) =>
      Object.entries(s)
        .map(([name, scopes]) =>
          name === "apiKey" ? `API key${scopes.length ? ` with scope ${scopes.join(", ")}` : ""}` : "browser session",
        )
        .join(" + "),
    )
    .join(" or ");
}

/** One operation: method, path, auth, parameters, request body and responses. */
export function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const bodies = op.requestBody ? Object.entries(op.requestBody.content) : [];
  return (
    <article id={op.operationId} aria-label={`${method.toUpperCase()} ${path}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_COLORS[method] ?? "bg-slate-100"}`}>
          {method}
        </span>
        <code className="text-sm font-semibold [overflow-wrap:anywhere]">{path}</code>
      </h3>
      <p className="mt-1 text-sm">{op.summary}</p>
      <p className="mt-1 text-xs text-slate-600">Auth: {authText(op.security)}</p>
      {op.parameters.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="text-sm">
            <caption className="text-left text-xs font-semibold uppercase text-slate-500">Parameters</caption>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td className="pr-3 align-top">
                    <code className="font-semibold">{p.name}</code>
                    {p.required && <span className="text-xs text-red-700"> *</span>}
                  </td>
                  <td className="pr-3 align-top text-xs text-slate-500">{p.in}</td>
                  <td className="pr-3 align-top">
                    <code className="text-xs [overflow-wrap:anywhere]">{typeLabel(p.schema)}</code>
                  </td>
                  <td className="align-top text-xs text-slate-600">{p.schema.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bodies.map(([type, body]) => (
        <div key={type} className="mt-3">
          <h4 className="text-xs font-semibold uppercase text-slate-500">Request body ({type})</h4>
          <SchemaView schema={body.schema} />
        </div>
      ))}
      <div className="mt-3">
        <h4 className="text-xs font-semibold uppercase text-slate-500">Responses</h4>
        <ul className="space-y-2">
          {Object.entries(op.responses).map(([status, r]) => {
            const content = r.content ? Object.values(r.content)[0] : null;
            const types = Object.keys(r.content ?? {});
            const headers = Object.keys(r.headers ?? {});
            return (
              <li key={status} className="text-sm">
                <span className={`mr-2 font-mono font-semibold ${status.startsWith("2") ? "text-emerald-700" : "text-red-700"}`}>
                  {status}
                </span>
                {r.description}
                {types.length > 1 && <span className="ml-2 text-xs text-slate-500">({types.join(" or ")})</span>}
                {headers.length > 0 && (
                  <div className="text-xs text-slate-500">
                    Headers:{" "}
                    {headers.map((h) => (
                      <code key={h} className="mr-1.5">
                        {h}
                      </code>
                    ))}
                  </div>
                )}
                {content && !content.schema.$ref && (
                  <div className="mt-1">
                    <SchemaView schema={content.schema} />
                  </div>
                )}
                {content?.schema.$ref && <span className="ml-2 text-xs text-slate-500">(error shape)</span>}
              </li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}
