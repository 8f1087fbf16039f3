// Extension point on the model and version pages: other parts of the portal (try-it console, client
// snippets, access requests) render here. Nothing yet.
export type ModelPageExtrasProps = { modelSlug: string; modelId: string; version: string | null; visibility: "public" | "gated" };

export function ModelPageExtras(props: ModelPageExtrasProps) {
  void props;
  return null;
}
