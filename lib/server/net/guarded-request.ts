import "server-only";
import { promises as dnsPromises, type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { urlToHttpOptions } from "node:url";
import { AppError } from "@/lib/server/errors";
import { loadEgressAllowList } from "@/lib/server/net/egress-rules";
import { EgressAllowList, isForbiddenAddress } from "@/lib/server/net/ip-policy";

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export type GuardedRequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Defaults to the admin allow-list in egress_rules. */
  allowList?: EgressAllowList;
  /** Defaults to the system resolver; tests inject names that resolve to forbidden addresses. */
  resolve?: Resolver;
};

export type GuardedResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer };

const BLOCKED = "EGRESS_BLOCKED";

// One pooled keep-alive agent per protocol for the process. Sockets are reused per host:port.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: "lifo" }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: "lifo" }),
};

const systemResolve: Resolver = (hostname) => dnsPromises.lookup(hostname, { all: true, verbatim: true });

function blockedError(message: string) {
  return Object.assign(new Error(message), { code: BLOCKED });
}

/**
 * A DNS lookup that judges the addresses the socket will actually connect to, so a name that resolves
 * (or re-resolves) to a forbidden address is refused at connect time, whatever it resolved to before.
 */
function guardedLookup(allow: EgressAllowList, resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const hostAllowed = allow.allowsHost(hostname);
        const bad = found.find((a) => !hostAllowed && isForbiddenAddress(a.address) && !allow.allowsAddress(a.address));
        if (bad || found.length === 0) {
          // The message never says what the name resolved to: that would map internal names for the caller.
          callback(blockedError(`${hostname} is not an address outbound calls may reach (ask an admin to allow-list it).`), "", 4);
          return;
        }
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        const list = wanted.length ? wanted : found;
        if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        else callback(null, list[0].address, list[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };
}

function mapError(error: NodeJS.ErrnoException, url: URL, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (error.code === BLOCKED) return new AppError("egress_blocked", error.message);
  if (error.code === "ETIMEDOUT_GUARD") return new AppError("upstream_timeout", `The model did not answer within ${timeoutMs} ms.`);
  const unreachable = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE"];
  if (error.code && unreachable.includes(error.code)) {
    return new AppError("upstream_unavailable", `The model's endpoint ${url.host} could not be reached (${error.code}).`);
  }
  // Only the error code: Node's messages name the resolved address and port ("connect ETIMEDOUT 10.0.0.5:80").
  return new AppError("upstream_error", `The call to ${url.host} failed (${error.code ?? "connection error"}).`);
}

/**
 * The one outbound HTTP client for calls to addresses that users configure (model endpoints, webhooks).
 * Refuses loopback/private/link-local/metadata addresses unless allow-listed, judged on the resolved
 * address at connect time; never follows redirects; bounds time and response size.
 */
export async function guardedRequest(target: string | URL, options: GuardedRequestOptions = {}): Promise<GuardedResponse> {
  const { send, timeoutMs, url } = await prepare(target, options);
  const deadline = Date.now() + timeoutMs;
  try {
    return await sendOnce(send, timeoutMs);
  } catch (error) {
    // A pooled keep-alive socket the server had just closed fails before any answer: the request never
    // reached the model, so it is sent once more on a fresh connection.
    if (!(error instanceof StaleSocket)) throw error;
    return sendOnce(send, Math.max(1, deadline - Date.now())).catch((again: unknown) => {
      throw again instanceof StaleSocket
        ? new AppError("upstream_unavailable", `The connection to ${url.host} was closed before it answered.`)
        : again;
    });
  }
}

async function prepare(target: string | URL, options: GuardedRequestOptions): Promise<{ send: Send; timeoutMs: number; url: URL }> {
  const url = typeof target === "string" ? parsedUrl(target) : new URL(target);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 10_000_000;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("egress_blocked", `Only http and https URLs can be called (got ${url.protocol}).`);
  }
  const allow = options.allowList ?? (await loadEgressAllowList());
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Node connects to IP literals without a lookup, so they are judged here.
  if (isIP(host) && isForbiddenAddress(host) && !allow.allowsAddress(host)) {
    throw new AppError("egress_blocked", `${host} is an address outbound calls may not reach (ask an admin to allow-list it).`);
  }
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  const send = {
    url,
    method: options.method ?? "POST",
    headers: options.headers ?? {},
    body,
    maxBytes,
    lookup: guardedLookup(allow, options.resolve ?? systemResolve),
  };
  return { send, timeoutMs, url };
}

/** A streamed answer: its status and headers, then its body chunk by chunk. */
export type GuardedStream = {
  status: number;
  headers: IncomingHttpHeaders;
  /** Calls `onData` per chunk and resolves at the end; rejects (AppError) on a break, a stall or too many bytes. */
  read(onData: (chunk: Buffer) => void): Promise<void>;
};

/**
 * guardedRequest for answers that stream (server-sent events): the same address rules, no redirects, a size
 * bound over the whole answer; resolves once the status and headers are in. `timeoutMs` bounds the wait for
 * the headers and then every silence between two chunks, not the whole answer, which may take minutes.
 * Not retried on a stale socket: a streamed call is not sent twice.
 */
export async function guardedStreamRequest(target: string | URL, options: GuardedRequestOptions = {}): Promise<GuardedStream> {
  const { send, timeoutMs, url } = await prepare(target, options);
  const { method, headers, body, maxBytes, lookup } = send;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<GuardedStream>((resolvePromise, reject) => {
    const req = transport.request({
      ...optionsOf(url),
      method,
      headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
      agent: url.protocol === "https:" ? agents.https : agents.http,
      lookup,
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT_GUARD" })));
    req.on("error", (error: NodeJS.ErrnoException) => reject(mapError(error, url, timeoutMs)));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        reject(new AppError("upstream_error", `The model's endpoint answered with a redirect (${status}); redirects are never followed.`));
        return;
      }
      resolvePromise({
        status,
        headers: res.headers,
        read: (onData) =>
          new Promise<void>((done, fail) => {
            let size = 0;
            const failWith = (error: NodeJS.ErrnoException) => fail(mapError(error, url, timeoutMs));
            req.removeAllListeners("error");
            req.on("error", failWith);
            res.on("error", failWith);
            const broken = () => failWith(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
            if (res.destroyed && !res.complete) return broken();
            res.on("close", () => {
              if (!res.complete) broken();
            });
            res.on("data", (chunk: Buffer) => {
              size += chunk.length;
              if (size > maxBytes) {
                req.destroy();
                fail(new AppError("upstream_error", `The model's response is larger than ${maxBytes} bytes.`));
                return;
              }
              onData(chunk);
            });
            res.on("end", () => done());
          }),
      });
    });
    req.end(body);
  });
}

// The gateway calls the same few endpoint URLs over and over: their parse (and Node's URL → request options
// conversion) is kept. Parsed URLs are never modified.
const MAX_URLS = 1000;
const urls = new Map<string, URL>();
const requestOptions = new WeakMap<URL, http.RequestOptions>();
function parsedUrl(target: string): URL {
  let url = urls.get(target);
  if (!url) {
    url = new URL(target);
    if (urls.size >= MAX_URLS) urls.delete(urls.keys().next().value!);
    urls.set(target, url);
  }
  return url;
}
function optionsOf(url: URL): http.RequestOptions {
  let base = requestOptions.get(url);
  if (!base) requestOptions.set(url, (base = urlToHttpOptions(url)));
  return base;
}

class StaleSocket extends Error {}

type Send = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  maxBytes: number;
  lookup: LookupFunction;
};

function sendOnce({ url, method, headers, body, maxBytes, lookup }: Send, timeoutMs: number): Promise<GuardedResponse> {
  const transport = url.protocol === "https:" ? https : http;
  const agent = url.protocol === "https:" ? agents.https : agents.http;
  return new Promise<GuardedResponse>((resolvePromise, reject) => {
    let settled = false;
    let answered = false;
    // A method, not a named arrow: tsx (esbuild keepNames) gives every named arrow a defineProperty call.
    const { finish } = {
      finish(error: Error | null, value?: GuardedResponse) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolvePromise(value!);
      },
    };
    const req = transport.request({
      ...optionsOf(url),
      method,
      headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
      agent,
      lookup,
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT_GUARD" })), timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (error.code === "ECONNRESET" || error.code === "EPIPE");
      finish(stale ? new StaleSocket(error.message) : mapError(error, url, timeoutMs));
    });
    req.on("response", (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.resume();
        finish(new AppError("upstream_error", `The model's endpoint answered with a redirect (${status}); redirects are never followed.`));
        return;
      }
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        req.destroy();
        finish(new AppError("upstream_error", `The model's response is larger than ${maxBytes} bytes.`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          finish(new AppError("upstream_error", `The model's response is larger than ${maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", (error: NodeJS.ErrnoException) => finish(mapError(error, url, timeoutMs)));
    });
    req.end(body);
  });
}
