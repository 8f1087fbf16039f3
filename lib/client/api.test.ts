import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, modelPath } from "@/lib/client/api";
import { AppError, unauthenticated } from "@/lib/server/errors";
import { errorParts } from "@/lib/http/respond";

// A real HTTP server answering with the portal's own error writer, so client and server agree on the shape.
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const error = (e: unknown, id: string) => {
      const parts = errorParts(e, id);
      res.writeHead(parts.status, parts.headers).end(parts.body);
    };
    switch (`${req.method} ${req.url}`) {
      case "GET /things":
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: [1, 2] }));
      case "POST /echo":
      case "PATCH /echo":
        return res
          .writeHead(201, { "content-type": "application/json" })
          .end(JSON.stringify({ method: req.method, contentType: req.headers["content-type"] ?? null, accept: req.headers.accept, text }));
      case "POST /conflict":
        return error(new AppError("conflict", "An app with that name already exists.", { details: { field: "name" } }), "req_conflict");
      case "GET /boom":
        return error(new Error("secret stack detail"), "req_boom");
      case "GET /signed-out":
        return error(unauthenticated(), "req_401");
      case "GET /limited":
        return error(new AppError("rate_limited", "Too many calls.", { headers: { "retry-after": "30" } }), "req_429");
      case "GET /proxy-page":
        return res.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad gateway</body></html>");
      case "DELETE /things/1":
        return res.writeHead(204).end();
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("the browser's API client", () => {
  it("reads JSON and sends JSON bodies with a JSON content type", async () => {
    const api = createApiClient(origin);
    expect(await api.get("/things")).toEqual({ items: [1, 2] });
    expect(await api.post("/echo", { name: "churn", tags: ["a"] })).toEqual({
      method: "POST",
      contentType: "application/json",
      accept: "application/json",
      text: '{"name":"churn","tags":["a"]}',
    });
    expect(await api.patch("/echo", { allowedOrigins: [] })).toMatchObject({ method: "PATCH", text: '{"allowedOrigins":[]}' });
  });

  it("sends uploads as multipart and form posts as urlencoded, not as JSON", async () => {
    const api = createApiClient(origin);
    const form = new FormData();
    form.set("version", "1.0.0");
    const upload = await api.post<{ contentType: string; text: string }>("/echo", form);
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.text).toContain('name="version"');
    const posted = await api.post<{ contentType: string; text: string }>("/echo", new URLSearchParams({ email: "a@b.c" }));
    expect(posted).toMatchObject({ contentType: "application/x-www-form-urlencoded;charset=UTF-8", text: "email=a%40b.c" });
  });

  it("turns the public error shape into an ApiError with its status, code, message, request id and details", async () => {
    const error = await caught(createApiClient(origin).post("/conflict", { name: "x" }));
    expect(error).toMatchObject({
      status: 409,
      code: "conflict",
      message: "An app with that name already exists.",
      requestId: "req_conflict",
      details: { field: "name" },
    });
  });

  it("adds the request id to a server fault's message, so the person can quote it", async () => {
    vi.spyOn(console, "error").mockImplementationOnce(() => {}); // the server logs the fault it hides
    const error = await caught(createApiClient(origin).get("/boom"));
    expect(error.status).toBe(500);
    expect(error.code).toBe("internal_error");
    expect(error.message).toBe("Something went wrong on our side. Quote the request id when reporting it. (request id req_boom)");
    expect(error.message).not.toContain("secret stack detail");
  });

  it("tells a signed-out person to sign in again, not to send an API key", async () => {
    const error = await caught(createApiClient(origin).get("/signed-out"));
    expect(error).toMatchObject({
      status: 401,
      code: "unauthenticated",
      message: "You are not signed in any more. Sign in again, then retry.",
    });
  });

  it("reads Retry-After", async () => {
    const error = await caught(createApiClient(origin).get("/limited"));
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfter: 30 });
  });

  it("copes with an error page that is not JSON (a proxy in front of the portal)", async () => {
    const error = await caught(createApiClient(origin).get("/proxy-page"));
    expect(error).toMatchObject({ status: 502, code: "http_error", message: "The request failed (HTTP 502).", requestId: null });
  });

  it("returns null for an empty answer (204)", async () => {
    expect(await createApiClient(origin).del("/things/1")).toBeNull();
  });

  it("reports an unreachable portal as a network error", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(createApiClient(`http://127.0.0.1:${port}`).get("/things"));
    expect(error).toMatchObject({ status: 0, code: "network_error" });
  });

  it("send() hands back any status with its headers and body, for callers that show them", async () => {
    const res = await createApiClient(origin).send("GET", "/limited");
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(res.headers.get("x-request-id")).toBe("req_429");
    expect(res.data).toMatchObject({ error: { code: "rate_limited" } });
  });
});

describe("modelPath", () => {
  it("encodes each segment of a model's API path", () => {
    expect(modelPath("risk-team/churn")).toBe("/api/v1/models/risk-team/churn");
    expect(modelPath("risk-team/churn", "versions", "1.0.0+build/2", "invoke")).toBe(
      "/api/v1/models/risk-team/churn/versions/1.0.0%2Bbuild%2F2/invoke",
    );
  });
});
