// A small closed-loop HTTP load generator: `concurrency` workers, each sending its next request as soon as
// the previous one is answered, over keep-alive connections, for a fixed duration.
import http from "node:http";

export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  headers: http.IncomingHttpHeaders[];
};

export function post(
  agent: http.Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
  method = "POST",
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers:
          method === "GET"
            ? headers
            : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(method === "GET" ? undefined : body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN;

export async function runLoad(options: {
  url: string;
  body: string;
  headers?: Record<string, string>;
  concurrency: number;
  seconds: number;
  warmupSeconds?: number;
  keepHeaders?: boolean;
  method?: string;
}): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const warmupEnd = Date.now() + (options.warmupSeconds ?? 1) * 1000;
  let measuring = false;
  let end = 0;
  const latencies: number[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  let errors = 0;
  let started = 0;
  const worker = async () => {
    for (;;) {
      const now = Date.now();
      if (!measuring && now >= warmupEnd) {
        measuring = true;
        started = performance.now();
        end = now + options.seconds * 1000;
      }
      if (measuring && now >= end) return;
      const t0 = performance.now();
      const counted = measuring;
      try {
        const res = await post(agent, url, options.body, options.headers ?? {}, options.method);
        if (!counted) continue;
        if (res.status !== 200) errors++;
        latencies.push(performance.now() - t0);
        if (options.keepHeaders) headers.push(res.headers);
      } catch {
        if (counted) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    headers,
  };
}
