type Tensor = { name: string; type: string; shape: (number | string)[] };

/** The tensors read from an uploaded ONNX graph and the JSON Schemas made from them, for the publisher to confirm. */
export function DerivedSchema({
  inputs,
  outputs,
  inputSchema,
  outputSchema,
}: {
  inputs: Tensor[];
  outputs: Tensor[];
  inputSchema: unknown;
  outputSchema: unknown;
}) {
  const labels = (schema: unknown, key: string) => {
    const value = schema && typeof schema === "object" ? (schema as Record<string, unknown>)[key] : null;
    return Array.isArray(value) ? value.map(String) : null;
  };
  const features = labels(inputSchema, "x-feature-names");
  const classes = labels(outputSchema, "x-class-labels");
  const rows = (role: string, tensors: Tensor[]) =>
    tensors.map((t) => (
      <tr key={`${role}-${t.name}`}>
        <td className="px-3 py-1">{role}</td>
        <td className="px-3 py-1 font-mono">{t.name}</td>
        <td className="px-3 py-1 font-mono">{t.type}</td>
        <td className="px-3 py-1 font-mono">[{t.shape.join(", ")}]</td>
      </tr>
    ));
  return (
    <section aria-label="Derived schema" data-testid="derived-schema" className="space-y-2 rounded border border-brand-100 bg-brand-50 p-4">
      <h3 className="font-medium">Schema read from the ONNX graph</h3>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="px-3 py-1">Role</th>
              <th className="px-3 py-1">Tensor</th>
              <th className="px-3 py-1">Element type</th>
              <th className="px-3 py-1">Shape</th>
            </tr>
          </thead>
          <tbody>
            {rows("input", inputs)}
            {rows("output", outputs)}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">
        Named (symbolic) dimensions such as N are the batch axis: callers may send any number of rows.
      </p>
      {features && (
        <p className="text-sm" data-testid="feature-names">
          Feature names (from the file&apos;s metadata): <span className="font-mono">{features.join(", ")}</span>
        </p>
      )}
      {classes && (
        <p className="text-sm" data-testid="class-labels">
          Class labels (from the file&apos;s metadata): <span className="font-mono">{classes.join(", ")}</span>
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-sm">Input JSON Schema</summary>
        <pre className="overflow-x-auto text-xs">{JSON.stringify(inputSchema, null, 2)}</pre>
      </details>
      <details>
        <summary className="cursor-pointer text-sm">Output JSON Schema</summary>
        <pre className="overflow-x-auto text-xs">{JSON.stringify(outputSchema, null, 2)}</pre>
      </details>
    </section>
  );
}
