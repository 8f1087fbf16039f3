import Link from "next/link";

const PAGES = [
  { id: "api", href: "/docs/api", label: "API reference" },
  { id: "mcp", href: "/docs/mcp", label: "MCP server for agents" },
  { id: "oip", href: "/docs/oip", label: "Open Inference Protocol" },
] as const;

/** The links between the docs pages, the current one marked. */
export function DocsNav({ current }: { current: (typeof PAGES)[number]["id"] }) {
  return (
    <nav aria-label="Docs" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {PAGES.map((p) =>
        p.id === current ? (
          <span key={p.id} aria-current="page" className="font-semibold">
            {p.label}
          </span>
        ) : (
          <Link key={p.id} href={p.href} className="underline">
            {p.label}
          </Link>
        ),
      )}
    </nav>
  );
}
