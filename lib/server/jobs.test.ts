// The jobs runner: a job runs at once and then on its interval, never twice at the same time in a process,
// keeps running after a failed run, and a job with a lock key runs on one node of the cluster at a time.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runJob, startJobs, type Job } from "@/lib/server/jobs";

const nodes = [0, 1].map(() => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 }));
afterAll(() => Promise.all(nodes.map((p) => p.end())));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("the jobs runner", () => {
  it("runs a job at once and then every interval, never overlapping itself, and goes on after a failure", async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const logged: string[] = [];
    const job: Job = {
      name: "counting",
      everyMs: 5,
      run: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 20)); // longer than the interval
        active--;
        if (runs === 2) throw new Error("second run broke");
      },
    };
    const running = startJobs([job], { pool: nodes[0], log: (line) => logged.push(line) });
    expect(runs).toBe(1); // the first run starts at once
    await expect.poll(() => runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
    await running.stop();
    const after = runs;
    expect(maxActive).toBe(1);
    expect(logged).toEqual(["[counting] failed: second run broke"]);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after); // stopped means stopped
  });

  it("tells a long run that the runner is stopping, and waits for it to end", async () => {
    const started = gate();
    let ended = false;
    const job: Job = {
      name: "long",
      everyMs: 60_000,
      run: async (stopping) => {
        started.open();
        while (!stopping()) await new Promise((r) => setTimeout(r, 5));
        ended = true;
      },
    };
    const running = startJobs([job], { pool: nodes[0] });
    await started.opened;
    expect(ended).toBe(false);
    await running.stop();
    expect(ended).toBe(true);
  });

  it("does not start a job that is switched off", async () => {
    let runs = 0;
    const running = startJobs([{ name: "off", everyMs: 5, enabled: () => false, run: async () => void runs++ }], { pool: nodes[0] });
    await running.stop();
    expect(runs).toBe(0);
  });

  it("runs a job with a lock key on one node at a time: the other node skips while the lock is held", async () => {
    const inside = gate();
    const release = gate();
    let runs = 0;
    const job: Job = {
      name: "single",
      everyMs: 60_000,
      lockKey: 9_100_000_001,
      run: async () => {
        runs++;
        inside.open();
        await release.opened;
      },
    };
    const first = runJob(job, nodes[0]);
    await inside.opened;
    expect(await runJob(job, nodes[1])).toBe(false); // another node holds the lock
    release.open();
    expect(await first).toBe(true);
    expect(await runJob(job, nodes[1])).toBe(true); // released once the run ended
    expect(runs).toBe(2);
  });

  it("releases the lock when the run fails", async () => {
    const job: Job = {
      name: "failing",
      everyMs: 60_000,
      lockKey: 9_100_000_002,
      run: async () => {
        throw new Error("boom");
      },
    };
    await expect(runJob(job, nodes[0])).rejects.toThrow("boom");
    const { rows } = await nodes[1].query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [9_100_000_002]);
    expect(rows[0].ok).toBe(true);
    await nodes[1].query("SELECT pg_advisory_unlock_all()");
  });
});
