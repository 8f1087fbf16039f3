import "server-only";
import { kdb } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { gaugeAtScrape } from "@/lib/server/metrics";
import { redactFields } from "@/lib/model-health/redact";

// Payload capture off the request path: a successful call costs one Math.random and, when sampled, a push to
// this process's buffer. A timer flushes the buffer in one INSERT per batch; redaction happens there too.
// Captures are a sample: rows still buffered when a process dies are lost, and a buffer that outgrows
// MAX_BUFFERED (the database is down) drops new samples rather than memory.

export type CaptureSettings = { id: string; captureRate: number; captureRedactFields: string[] | null };
type Pending = { versionId: string; requestId: string; at: Date; input: unknown; output: unknown; redact: string[] | null };

const FLUSH_MS = 1_000;
const MAX_BATCH = 500;
const MAX_BUFFERED = 20_000;

let buffer: Pending[] = [];
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> | null = null;
const counters = { captured: 0, dropped: 0, failed: 0 };
gaugeAtScrape("modelport_capture_buffered", "Captured call payloads waiting in this process's buffer to be written.", () => buffer.length);
gaugeAtScrape(
  "modelport_capture_lost",
  "Sampled call payloads not stored since the process started (buffer full, or the write failed).",
  () => counters.dropped + counters.failed,
);

/** Samples one successful call into the buffer (rate 0 never captures, 1 always). */
export function captureCall(version: CaptureSettings, requestId: string, at: Date, input: unknown, output: unknown): void {
  if (!(Math.random() < version.captureRate)) return;
  if (buffer.length >= MAX_BUFFERED) {
    counters.dropped += 1;
    return;
  }
  buffer.push({ versionId: version.id, requestId, at, input, output, redact: version.captureRedactFields });
  timer ??= setTimeout(() => void flushCaptures(), FLUSH_MS).unref();
}

/** Writes everything buffered so far (tests and shutdown call it; the timer does otherwise). */
export async function flushCaptures(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  // One writer at a time; a flush asked for meanwhile waits for it and then writes what came in since.
  while (flushing) await flushing;
  if (buffer.length === 0) return;
  const rows = buffer;
  buffer = [];
  flushing = writeAll(rows).finally(() => (flushing = null));
  await flushing;
}

async function writeAll(rows: Pending[]): Promise<void> {
  for (let i = 0; i < rows.length; i += MAX_BATCH) {
    const batch = rows.slice(i, i + MAX_BATCH).map((row) => {
      const fields = new Set(row.redact ?? []);
      return {
        versionId: row.versionId,
        requestId: row.requestId,
        at: row.at,
        input: JSON.stringify(redactFields(row.input, fields) ?? null),
        output: JSON.stringify(redactFields(row.output, fields) ?? null),
      };
    });
    try {
      await kdb().insertInto("payload_captures").values(batch).execute();
      counters.captured += batch.length;
    } catch (error) {
      // A sample is not worth retrying forever (the version may have been deleted meanwhile): count and go on.
      counters.failed += batch.length;
      log().warn({ err: error, rows: batch.length }, "could not store captured payloads");
    }
  }
}

/** What the buffer has done so far in this process. */
export function captureStats() {
  return { buffered: buffer.length, ...counters };
}
