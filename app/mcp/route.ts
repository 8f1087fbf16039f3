import { handleMcpRequest, mcpMethodNotAllowed } from "@/lib/http/mcp/handle-mcp-request";

export const dynamic = "force-dynamic";

// POST /mcp — the MCP server for agents (Streamable HTTP, stateless, JSON answers), API key as bearer.
export const POST = (req: Request) => handleMcpRequest(req);

// GET and DELETE /mcp — no server-initiated stream and no sessions: 405, as the MCP transport spec allows.
export const GET = () => mcpMethodNotAllowed();
export const DELETE = () => mcpMethodNotAllowed();
