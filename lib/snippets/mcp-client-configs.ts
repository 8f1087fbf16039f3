import { KEY_SLOT } from "@/lib/snippets/key-slot";

// What an agent's user pastes to connect a client to the portal's MCP server (/mcp), with the key at KEY_SLOT.
// Shared by the /docs/mcp page (server) and its key picker (browser), so it must stay free of server code.

export type McpClientConfig = { id: string; label: string; where: string; code: string };

/** Shown instead of a key until the user inserts one. */
export const KEY_PLACEHOLDER = "YOUR_MODELPORT_API_KEY";

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function mcpClientConfigs(baseUrl: string): McpClientConfig[] {
  const url = `${baseUrl}/mcp`;
  const bearer = `Bearer ${KEY_SLOT}`;
  return [
    {
      id: "vscode",
      label: "VS Code",
      where: ".vscode/mcp.json in your workspace (or “MCP: Open User Configuration”)",
      code: json({ servers: { modelport: { type: "http", url, headers: { Authorization: bearer } } } }),
    },
    {
      id: "cursor",
      label: "Cursor",
      where: "~/.cursor/mcp.json (all projects) or .cursor/mcp.json (this project)",
      code: json({ mcpServers: { modelport: { url, headers: { Authorization: bearer } } } }),
    },
    {
      id: "claude-desktop",
      label: "Claude Desktop",
      where:
        "claude_desktop_config.json (Settings → Developer → Edit Config); Claude Desktop starts local servers, so the mcp-remote bridge (npm) carries the key",
      code: json({
        mcpServers: {
          modelport: {
            command: "npx",
            args: ["-y", "mcp-remote", url, "--header", "Authorization:${MODELPORT_AUTH}"],
            env: { MODELPORT_AUTH: bearer },
          },
        },
      }),
    },
    {
      id: "inspector",
      label: "Inspector CLI",
      where: "a terminal: lists the tools, then searches the catalog",
      code: [
        `npx @modelcontextprotocol/inspector --cli ${url} --transport http \\`,
        `  --header "Authorization: ${bearer}" --method tools/list`,
        `npx @modelcontextprotocol/inspector --cli ${url} --transport http \\`,
        `  --header "Authorization: ${bearer}" --method tools/call --tool-name search_models --tool-arg q=iris`,
      ].join("\n"),
    },
  ];
}
