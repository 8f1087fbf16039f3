// Reusable per-search work arrays (one per name, grown as needed): a search over 100,000 models would
// otherwise allocate a few MB of typed arrays, and their collection shows up in the latency tail. Safe
// because a search uses them only between two awaits (JavaScript runs that stretch alone); the caller must
// not keep one across an await.
const int32 = new Map<string, Int32Array>();
const uint8 = new Map<string, Uint8Array>();

function take<T extends Int32Array | Uint8Array>(pool: Map<string, T>, make: (n: number) => T, name: string, n: number, zero: boolean): T {
  let a = pool.get(name);
  if (!a || a.length < n) pool.set(name, (a = make(Math.ceil(n * 1.25))));
  else if (zero) a.fill(0, 0, n);
  return a.subarray(0, n) as T;
}

/** An Int32Array of length n (contents undefined unless zero). */
export const scratchInt32 = (name: string, n: number, zero = false) => take(int32, (k) => new Int32Array(k), name, n, zero);
/** A zero-filled Uint8Array of length n. */
export const scratchUint8 = (name: string, n: number) => take(uint8, (k) => new Uint8Array(k), name, n, true);
