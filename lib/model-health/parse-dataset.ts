import { AppError } from "@/lib/server/errors";
import type { Row } from "@/lib/model-health/rows";

// A reference dataset read as it streams in: CSV (a header line, RFC 4180 quoting) or JSON Lines (one object a
// line). Over `maxBytes` it stops with 413; a malformed row stops it with 422 naming the line.

export type DatasetFormat = "csv" | "jsonl";

const unprocessable = (line: number, why: string) => new AppError("unprocessable", `Line ${line}: ${why}`, { details: { line } });

/** CSV cells that are numbers become numbers; empty cells (and NA, NaN, null) are missing. */
function cell(text: string): unknown {
  const t = text.trim();
  if (t === "" || t === "NA" || t === "NaN" || t === "null") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

export type DatasetBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

async function* chunksOf(body: DatasetBody): AsyncGenerator<Uint8Array> {
  if (!(body instanceof ReadableStream)) return yield* body;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (too large, a bad row): the rest of the upload is not read.
    await reader.cancel().catch(() => {});
  }
}

async function* lines(body: DatasetBody, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  let rest = "";
  for await (const chunk of chunksOf(body)) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw new AppError("payload_too_large", `The dataset is larger than ${maxBytes} bytes.`);
    let text: string;
    try {
      text = rest + decoder.decode(chunk, { stream: true });
    } catch {
      throw new AppError("unprocessable", "The dataset is not UTF-8 text.");
    }
    const parts = text.split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) yield part.replace(/\r$/, "");
  }
  rest += decoder.decode();
  if (rest !== "") yield rest.replace(/\r$/, "");
}

/** Splits CSV lines into records (a quoted cell may span lines). */
async function* csvRecords(source: AsyncIterable<string>): AsyncGenerator<{ cells: string[]; line: number }> {
  let line = 0;
  let cells: string[] = [];
  let current = "";
  let quoted = false;
  let startLine = 1;
  for await (const text of source) {
    line += 1;
    if (!quoted) startLine = line;
    else current += "\n";
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          current += '"';
          i += 1;
        } else if (ch === '"') quoted = false;
        else current += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        cells.push(current);
        current = "";
      } else current += ch;
    }
    if (quoted) continue;
    cells.push(current);
    if (!(cells.length === 1 && cells[0].trim() === "")) yield { cells, line: startLine };
    cells = [];
    current = "";
  }
  if (quoted) throw unprocessable(startLine, "a quoted cell is never closed.");
}

/** Every row of the dataset, read from `body` as it arrives. */
export async function readDataset(body: DatasetBody, format: DatasetFormat, maxBytes: number): Promise<{ rows: Row[]; columns: string[] }> {
  const rows: Row[] = [];
  const columns = new Set<string>();
  if (format === "jsonl") {
    let line = 0;
    for await (const text of lines(body, maxBytes)) {
      line += 1;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw unprocessable(line, "not valid JSON.");
      }
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw unprocessable(line, "each line must be one JSON object.");
      for (const key of Object.keys(value)) columns.add(key);
      rows.push(value as Row);
    }
    return { rows, columns: [...columns] };
  }
  let header: string[] | null = null;
  for await (const { cells, line } of csvRecords(lines(body, maxBytes))) {
    if (!header) {
      header = cells.map((c) => c.trim());
      if (header.some((h) => h === "") || new Set(header).size !== header.length)
        throw unprocessable(line, "the header needs a distinct, non-empty name for every column.");
      continue;
    }
    if (cells.length !== header.length) throw unprocessable(line, `${cells.length} cells where the header has ${header.length}.`);
    rows.push(Object.fromEntries(header.map((h, i) => [h, cell(cells[i])])));
  }
  return { rows, columns: header ?? [] };
}
