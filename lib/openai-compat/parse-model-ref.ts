import type { VersionSelector } from "@/lib/gateway/resolve-version";

/** `owner/name` or `owner/name@<version or range>` (already checked by modelRef) → the invoke call's address. */
export function parseModelRef(ref: string): { owner: string; name: string; selector: VersionSelector } {
  const [path, spec] = ref.split("@", 2);
  const [owner, name] = path.split("/", 2);
  return { owner, name, selector: spec ? { spec } : {} };
}
