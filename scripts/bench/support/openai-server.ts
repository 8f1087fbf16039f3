// A tiny OpenAI-compatible chat server for the OpenAI door benchmark, run as its own process:
// POST /v1/chat/completions → a fixed completion with its usage.
import http from "node:http";

const answer = (model: unknown) =>
  JSON.stringify({
    id: "bench",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 12, completion_tokens: 1, total_tokens: 13 },
  });

const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => {
    let out = "{}";
    try {
      out = answer((JSON.parse(body) as { model?: unknown }).model ?? "bench-llm");
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
