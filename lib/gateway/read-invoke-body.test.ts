// readInvokeBody on a Node stream (the door's request; the Next route's Fetch body is turned into one): the
// answer, the limit, and no hang when the client has gone.
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readInvokeBody } from "@/lib/gateway/read-invoke-body";

describe("readInvokeBody on a Node stream", () => {
  it("joins the chunks and parses the JSON", async () => {
    const body = new PassThrough();
    const read = readInvokeBody({ stream: body, declaredBytes: 0 });
    body.write('{"a":');
    body.end("[1,2]}");
    await expect(read).resolves.toEqual({ input: { a: [1, 2] }, bytes: 11 });
  });

  it("answers 413 past the limit without destroying the stream (the 413 must still be written)", async () => {
    const body = new PassThrough();
    const read = readInvokeBody({ stream: body, declaredBytes: 0 }, 8);
    body.write("[1,2,3,4,5,6]");
    await expect(read).rejects.toMatchObject({ code: "payload_too_large" });
    expect(body.destroyed).toBe(false);
    expect(body.listenerCount("data")).toBe(0);
  });

  it("rejects, rather than waiting forever, when the stream was already destroyed or closes mid-body", async () => {
    const gone = new PassThrough();
    gone.destroy();
    await once(gone, "close"); // its events are over before the body is read
    await expect(readInvokeBody({ stream: gone, declaredBytes: 0 })).rejects.toThrow();
    const cut = new PassThrough();
    const read = readInvokeBody({ stream: cut, declaredBytes: 0 });
    cut.write('{"a":');
    cut.destroy();
    await expect(read).rejects.toThrow(/premature close/i);
  });
});
