// The ceiling for any Node gateway on this machine: a bare keep-alive reverse proxy in its own process that
// forwards each POST to the model server and returns its answer. No authentication, validation, rate limits
// or recording. bench:gateway runs it beside the gateway so the 32-connection ratio can be read against it.
import http from "node:http";

const upstream = new URL(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const out = http.request(
      upstream,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": String(body.length) } },
      (up) => {
        const parts: Buffer[] = [];
        up.on("data", (c: Buffer) => parts.push(c));
        up.on("end", () => {
          res.writeHead(up.statusCode ?? 502, { "content-type": "application/json" });
          res.end(Buffer.concat(parts));
        });
      },
    );
    out.on("error", () => {
      res.statusCode = 502;
      res.end();
    });
    out.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
