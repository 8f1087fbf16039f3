// A tiny JSON model server for the gateway benchmark, run as its own process so it does not share the
// load generator's event loop: POST /predict {"features": [[...]]} → {"score": [...]} (sum of each row).
import http from "node:http";

const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => {
    let out = "{}";
    try {
      const input = JSON.parse(body) as { features?: number[][] };
      out = JSON.stringify({ score: (input.features ?? []).map((row) => row.reduce((a, b) => a + b, 0)) });
    } catch {
      res.statusCode = 400;
    }
    res.setHeader("content-type", "application/json");
    res.end(out);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
