import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { MAX_INVOKE_BODY_BYTES } from "@/lib/gateway/read-invoke-body";
import { authenticateKey } from "@/lib/http/resolve-key-caller";
import { buildMcpServer } from "@/lib/http/mcp/build-mcp-server";
import { AppError } from "@/lib/server/errors";
import { newRequestId } from "@/lib/server/request-id";
import { publicBaseUrl } from "@/lib/snippets/public-base-url";

// JSON-RPC error codes for failures before any MCP message is read (the implementation-defined range).
const RPC_CODE: Record<number, number> = { 401: -32001, 403: -32003, 429: -32029 };

/**
 * A refusal in JSON-RPC form, as MCP clients read it, carrying the public error's code and request id in
 * `data`; a 401 also says how to authenticate (WWW-Authenticate), as the MCP authorization spec asks.
 */
export function rpcError(status: number, code: string, message: string, requestId: string, headers: Record<string, string> = {}): Response {
  const body = { jsonrpc: "2.0", id: null, error: { code: RPC_CODE[status] ?? -32000, message, data: { code, requestId } } };
  const extra: Record<string, string> = status === 401 ? { "www-authenticate": 'Bearer realm="modelport"' } : {};
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": requestId, ...extra, ...headers },
  });
}

/**
 * POST /mcp: one stateless Streamable HTTP exchange. The API key is checked and counted against its rate limit
 * once per HTTP request (like any API call); the tools then act with that key's caller.
 */
export async function handleMcpRequest(req: Request): Promise<Response> {
  const requestId = newRequestId();
  const header = req.headers.get("authorization");
  if (!header) return rpcError(401, "unauthenticated", "Send a Modelport API key as: Authorization: Bearer <key>.", requestId);
  let auth: Awaited<ReturnType<typeof authenticateKey>>;
  try {
    auth = await authenticateKey(header);
  } catch (error) {
    if (error instanceof AppError) return rpcError(error.status, error.code, error.message, requestId, error.headers);
    console.error(`[${requestId}] MCP authentication failed`, error);
    return rpcError(500, "internal_error", "Something went wrong on our side. Quote the request id when reporting it.", requestId);
  }
  const server = buildMcpServer({ caller: { kind: "key", key: auth.key, rateLimit: auth.rateLimit }, baseUrl: publicBaseUrl(req.url) });
  // JSON answers, no session: every request stands alone, so any node of the portal can serve it.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_INVOKE_BODY_BYTES + 64_000,
  });
  try {
    await server.connect(transport);
    const response = await transport.handleRequest(req);
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(auth.rateLimit)) headers.set(name, value);
    headers.set("x-request-id", requestId);
    return new Response(response.body, { status: response.status, headers });
  } finally {
    await server.close();
  }
}

/** GET and DELETE /mcp: a stateless server has no stream to offer and no session to end (the spec's 405). */
export function mcpMethodNotAllowed(): Response {
  const response = rpcError(405, "method_not_allowed", "This MCP server is stateless: send JSON-RPC messages with POST.", newRequestId());
  response.headers.set("allow", "POST");
  return response;
}
