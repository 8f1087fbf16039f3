// Shared by the server (snippet templates) and the browser (inserting a key), without pulling
// @readme/httpsnippet into client bundles.

/** Where a snippet template takes a literal key when a user inserts one of their keys in the browser. */
export const KEY_SLOT = "{{MODELPORT_API_KEY}}";

export type SnippetView = {
  target: string;
  client: string;
  label: string;
  form: "pinned" | "range";
  version: string;
  code: string;
  template: string;
};
