import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/http/read-body";

const MB = 1024 * 1024;

/** A chunked upload of `total` bytes (no Content-Length) that counts how much of it the server pulled. */
function chunkedRequest(total: number, chunk = MB, headers: Record<string, string> = {}) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20)); // spaces: valid JSON whitespace
    },
  });
  const req = new Request("http://localhost/api/v1/apps", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled: () => sent };
}

describe("readJson", () => {
  it("refuses a chunked body over the limit after reading just past the limit, not the whole body", async () => {
    const upload = chunkedRequest(256 * MB);
    await expect(readJson(upload.req, MB)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(upload.pulled()).toBeLessThanOrEqual(3 * MB);
  });

  it("does not trust a Content-Length that understates the body", async () => {
    const upload = chunkedRequest(64 * MB, MB, { "content-length": "10" });
    await expect(readJson(upload.req, 20_000)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(upload.pulled()).toBeLessThanOrEqual(2 * MB);
  });

  it("reads a body up to the limit, in any number of chunks", async () => {
    const text = JSON.stringify({ name: "é".repeat(1000) });
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7)); // splits multi-byte characters
        controller.close();
      },
    });
    const req = new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readJson(req, bytes.length)).toEqual({ name: "é".repeat(1000) });
    await expect(readJson(new Request("http://localhost/x", { method: "POST", body: text }), bytes.length - 1)).rejects.toMatchObject({
      code: "payload_too_large",
    });
    await expect(readJson(new Request("http://localhost/x", { method: "POST", body: "{nope" }))).rejects.toMatchObject({
      code: "malformed_json",
    });
  });
});
