type Waiter<T> = { row: T; resolve: () => void; reject: (error: unknown) => void };

export type RecorderStats = { backlog: number; flushes: number; rows: number; lastBatch: number; maxBatch: number; failures: number };

/**
 * Group commit: callers enqueue a row and await its commit. One writer at a time takes everything queued
 * (up to maxBatch) and writes it in one statement; rows arriving meanwhile wait for the next flush. Idle →
 * a flush of one (one round-trip); busy → batches grow with the load, so throughput scales without a
 * round-trip per call. A failed batch is retried row by row so one bad row cannot sink its neighbours.
 */
export class GroupCommitRecorder<T> {
  private queue: Waiter<T>[] = [];
  private writing = false;
  private readonly counters = { flushes: 0, rows: 0, lastBatch: 0, maxBatch: 0, failures: 0 };

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  record(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  stats(): RecorderStats {
    return { backlog: this.queue.length, ...this.counters };
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        // Under load (the last flush carried several rows), the rest of this event-loop turn runs first: answers
        // that already arrived enqueue their rows and join this statement instead of waiting for the next one.
        // Each statement costs PostgreSQL and the portal a few hundred µs whatever its size (~10 rows per batch
        // at 32 connections), so fewer, larger batches are most of what recording costs. Idle, it costs nothing.
        if (this.counters.lastBatch > 1 && batch.length < this.maxBatch) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          batch.push(...this.queue.splice(0, this.maxBatch - batch.length));
        }
        this.counters.flushes += 1;
        this.counters.lastBatch = batch.length;
        this.counters.maxBatch = Math.max(this.counters.maxBatch, batch.length);
        try {
          await this.write(batch.map((w) => w.row));
          this.counters.rows += batch.length;
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            this.counters.failures += 1;
            batch[0].reject(error);
            continue;
          }
          for (const w of batch) {
            try {
              await this.write([w.row]);
              this.counters.rows += 1;
              w.resolve();
            } catch (single) {
              this.counters.failures += 1;
              w.reject(single);
            }
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
