// Serves Fetch-style route handlers (Next's `(req: Request) => Response`) over real HTTP on a free loopback
// port, so a third-party client (an SDK) can talk to a route as it would to the portal. Test code only.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request) => Response | Promise<Response>;

export async function serveFetch(path: string, methods: Partial<Record<string, Handler>>) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
        const handler = url.pathname === path ? methods[req.method ?? "GET"] : undefined;
        if (!handler) return void res.writeHead(404).end();
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
        const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
        const response = await handler(new Request(url, { method: req.method, headers, body }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })().catch((error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
