import "server-only";
import { db } from "@/lib/server/db";
import { log } from "@/lib/server/log";
import { runGoldenTests } from "@/lib/golden-tests/run-golden-tests";

const DAY_MS = 24 * 3_600_000;

/**
 * The daily run: every version in review or taking traffic (approved, deprecated) whose golden tests last ran
 * more than a day ago runs them again. Run by a locked job, so one node does it.
 */
export async function runDueGoldenTests(now = new Date(), stopping: () => boolean = () => false): Promise<number> {
  const due = await db.goldenTestSuite.findMany({
    where: {
      version: { status: { in: ["pending_review", "approved", "deprecated"] } },
      NOT: { version: { goldenTestRuns: { some: { at: { gt: new Date(now.getTime() - DAY_MS) } } } } },
    },
    select: { versionId: true },
    take: 200,
  });
  let ran = 0;
  for (const { versionId } of due) {
    if (stopping()) break;
    try {
      await runGoldenTests(versionId, "daily");
      ran++;
    } catch (error) {
      log().error({ versionId, err: error }, "daily golden tests could not run");
    }
  }
  return ran;
}
