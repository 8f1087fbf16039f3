// Sends the review's catastrophic inputs for a backtracking regex engine (`^(\w+\s?)*$` against words that end
// in a character the pattern refuses) to an approved version while /api/health is polled back to back, and
// reports how long health took meanwhile. Shared by `npm run bench:redos` and e2e/redos.spec.ts.

export const REDOS_PATTERN = "^(\\w+\\s?)*$";
export const REDOS_SCHEMA = {
  type: "object",
  required: ["text"],
  additionalProperties: false,
  properties: { text: { type: "string", pattern: REDOS_PATTERN, maxLength: 200_000 } },
};

/** 29+ word characters then "!": 1.4 s for 29 characters on a backtracking engine, doubling per character. */
export const REDOS_INPUTS = [29, 32, 40, 1_000, 100_000].map((n) => `${"a".repeat(n)}!`);
/** The same number of calls, equally refused, that no engine finds hard: the comparison for a busy machine. */
export const BENIGN_INPUTS = REDOS_INPUTS.map(() => "!");

export type RedosFigures = {
  health: { samples: number; p50: number; p99: number; max: number };
  invoke: { calls: number; statuses: Record<string, number>; codes: Record<string, number>; p50: number; max: number };
};

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { ms: performance.now() - started, status: res.status, body };
}

/** Sends the inputs round after round from `concurrency` callers for at least `seconds`, polling health meanwhile. */
export async function probeRedos(options: {
  baseUrl: string;
  owner: string;
  name: string;
  secret: string;
  seconds?: number;
  concurrency?: number;
  inputs?: string[];
}): Promise<RedosFigures> {
  const invokeUrl = `${options.baseUrl}/api/v1/models/${options.owner}/${options.name}/invoke`;
  const headers = { authorization: `Bearer ${options.secret}`, "content-type": "application/json" };
  const healthMs: number[] = [];
  const invokeMs: number[] = [];
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  let sending = true;
  const poller = (async () => {
    while (sending) healthMs.push((await timed(`${options.baseUrl}/api/health`)).ms);
  })();
  const until = performance.now() + (options.seconds ?? 5) * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      for (const text of options.inputs ?? REDOS_INPUTS) {
        const r = await timed(invokeUrl, { method: "POST", headers, body: JSON.stringify({ text }) });
        invokeMs.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        const code = (JSON.parse(r.body) as { error?: { code?: string } }).error?.code ?? "none";
        codes[code] = (codes[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.inputs?.length === 0 ? 0 : (options.concurrency ?? 2) }, worker));
  if (options.inputs?.length === 0) await new Promise((r) => setTimeout(r, (options.seconds ?? 5) * 1000));
  sending = false;
  await poller;
  const h = [...healthMs].sort((a, b) => a - b);
  const i = [...invokeMs].sort((a, b) => a - b);
  return {
    health: { samples: h.length, p50: pct(h, 50), p99: pct(h, 99), max: h[h.length - 1] ?? 0 },
    invoke: { calls: i.length, statuses, codes, p50: pct(i, 50), max: i[i.length - 1] ?? 0 },
  };
}

export const formatRedos = (f: RedosFigures) =>
  [
    `invoke: ${f.invoke.calls} calls, statuses ${JSON.stringify(f.invoke.statuses)}, codes ${JSON.stringify(f.invoke.codes)}, p50 ${f.invoke.p50.toFixed(1)} ms, max ${f.invoke.max.toFixed(1)} ms`,
    `/api/health meanwhile: ${f.health.samples} samples, p50 ${f.health.p50.toFixed(1)} ms, p99 ${f.health.p99.toFixed(1)} ms, max ${f.health.max.toFixed(1)} ms`,
  ].join("\n");
