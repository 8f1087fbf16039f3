// Fixed log-scale latency buckets shared by the recorder, the roll-up and the dashboards, so hourly
// histograms merge over any range. Bucket i holds latencies in (upper(i-1), upper(i)] ms, where
// upper(i) = 0.1 ms × 2^(i/4): about 19 % wide, from 0.1 ms to ~2 minutes. The same formula exists in SQL
// as modelport_latency_bucket() (first migration) for roll-ups computed inside Postgres.

export const BUCKET_COUNT = 82;
const BASE_MS = 0.1;
const STEPS_PER_DOUBLING = 4;

export function bucketUpperMs(index: number): number {
  return BASE_MS * 2 ** (index / STEPS_PER_DOUBLING);
}

export function latencyBucket(ms: number): number {
  if (!(ms > BASE_MS)) return 0;
  const index = Math.ceil(STEPS_PER_DOUBLING * Math.log2(ms / BASE_MS) - 1e-9);
  return Math.min(BUCKET_COUNT - 1, Math.max(0, index));
}

export function emptyHistogram(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

/** Parses array_to_string(hist, ',') into a full-length histogram (stored arrays may be shorter, e.g. empty). */
export function parseHist(text: string | null): number[] {
  const h = emptyHistogram();
  addHistText([h], text);
  return h;
}

/**
 * Adds sign × the counts in `text` to `into`: ','-separated count lists (array_to_string of histograms), the
 * k-th ';'-separated list going to into[k] (usage_daily_by."cumText" holds three). Read by character code, with
 * no substrings: splitting ~250,000 numbers a dashboard query into strings was most of its Node time.
 */
export function addHistText(into: number[][], text: string | null, sign = 1): void {
  if (!text) return;
  // No closures over the loop's variables: captured variables live in a context object, 10× slower per character.
  let k = 0;
  let i = 0;
  let n = 0;
  let negative = false;
  const length = text.length;
  for (let c = 0; c <= length; c++) {
    const ch = c < length ? text.charCodeAt(c) : 44;
    if (ch >= 48 && ch <= 57) n = n * 10 + (ch - 48);
    else if (ch === 44 || ch === 59) {
      if (i < BUCKET_COUNT && k < into.length) into[k][i] += sign * (negative ? -n : n);
      n = 0;
      negative = false;
      if (ch === 44) {
        i++;
      } else {
        k++;
        i = 0;
      }
    } else if (ch === 45) negative = true;
  }
}

/**
 * Adds non-zero buckets written as "i:count" (','-separated, i = kind × BUCKET_COUNT + bucket over the total,
 * gateway and model histograms: usage_hourly_by."histText", modelport_hist_compact) to the three histograms of `into`.
 */
export function addCompactText(into: number[][], text: string | null): void {
  if (!text) return;
  let n = 0;
  let index = -1;
  const length = text.length;
  for (let c = 0; c <= length; c++) {
    const ch = c < length ? text.charCodeAt(c) : 44;
    if (ch >= 48 && ch <= 57) n = n * 10 + (ch - 48);
    else if (ch === 58) {
      index = n;
      n = 0;
    }
    else if (ch === 44) {
      if (index >= 0) {
        const kind = Math.floor(index / BUCKET_COUNT);
        if (kind < into.length) into[kind][index - kind * BUCKET_COUNT] += n;
      }
      n = 0;
      index = -1;
    }
  }
}

/** Adds histogram b into a (element-wise); missing elements count as zero. */
export function mergeHistograms(a: number[], b: ReadonlyArray<number | bigint>): number[] {
  for (let i = 0; i < BUCKET_COUNT; i++) a[i] = (a[i] ?? 0) + Number(b[i] ?? 0);
  return a;
}

/**
 * The p-th percentile (0 < p ≤ 1) of a histogram, as the upper bound of the bucket holding it
 * (so the answer is never below the true value, and at most one bucket width above). Null when empty.
 */
export function percentileFromHistogram(hist: ReadonlyArray<number | bigint>, p: number): number | null {
  let total = 0;
  for (const c of hist) total += Number(c);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += Number(hist[i]);
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(hist.length - 1);
}
