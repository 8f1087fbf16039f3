import { describe, expect, it } from "vitest";
import { KEY_SLOT } from "@/lib/snippets/key-slot";
import { mcpClientConfigs } from "@/lib/snippets/mcp-client-configs";

const KEY = "mp_0123abcd_secretsecretsecretsecretsecret";
const configs = mcpClientConfigs("https://portal.example");
const filled = (id: string) => configs.find((c) => c.id === id)!.code.replaceAll(KEY_SLOT, KEY);

describe("MCP client configurations", () => {
  it("point VS Code and Cursor at /mcp over HTTP with the key as bearer", () => {
    expect(JSON.parse(filled("vscode"))).toEqual({
      servers: { modelport: { type: "http", url: "https://portal.example/mcp", headers: { Authorization: `Bearer ${KEY}` } } },
    });
    expect(JSON.parse(filled("cursor"))).toEqual({
      mcpServers: { modelport: { url: "https://portal.example/mcp", headers: { Authorization: `Bearer ${KEY}` } } },
    });
  });

  it("bridge Claude Desktop with mcp-remote, the key in an environment variable", () => {
    const { command, args, env } = (
      JSON.parse(filled("claude-desktop")) as {
        mcpServers: { modelport: { command: string; args: string[]; env: Record<string, string> } };
      }
    ).mcpServers.modelport;
    expect([command, ...args]).toEqual([
      "npx",
      "-y",
      "mcp-remote",
      "https://portal.example/mcp",
      "--header",
      "Authorization:${MODELPORT_AUTH}",
    ]);
    expect(env).toEqual({ MODELPORT_AUTH: `Bearer ${KEY}` });
  });

  it("give inspector CLI lines with the header and the http transport", () => {
    expect(filled("inspector")).toContain(`npx @modelcontextprotocol/inspector --cli https://portal.example/mcp --transport http`);
    expect(filled("inspector")).toContain(`--header "Authorization: Bearer ${KEY}" --method tools/list`);
  });
});
