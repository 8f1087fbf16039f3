import "server-only";
import { sql } from "kysely";
import type { Signal } from "@/lib/model-health/alerts/signals";
import { kdb } from "@/lib/server/db";

/**
 * Golden tests on a version that takes traffic: the failing cases of its latest run (lib/golden-tests). A version
 * in review is held by the checklist instead (a failing run blocks approval), so only approved and deprecated
 * versions are read; a version without golden tests gives no figure. A passing run resolves the alert.
 */
export const goldenSignal: Signal = {
  rule: "golden_tests",
  setting: "failing golden cases allowed in the latest run",
  defaultSetting: 0,
  severity: "failing",
  breachWhen: "above",
  windowMs: 24 * 3_600_000,
  read: async (ids) => {
    if (ids.length === 0) return new Map();
    const rows = await kdb()
      .selectFrom("golden_test_runs as r")
      .innerJoin("model_versions as v", "v.id", "r.versionId")
      .select(["r.versionId", "r.failed"])
      .distinctOn("r.versionId")
      .where("r.versionId", "in", ids)
      .where(sql<boolean>`v.status IN ('approved', 'deprecated')`)
      .orderBy("r.versionId")
      .orderBy("r.at", "desc")
      .execute();
    return new Map(rows.map((r) => [r.versionId, Number(r.failed)]));
  },
  threshold: (allowed) => allowed,
};
