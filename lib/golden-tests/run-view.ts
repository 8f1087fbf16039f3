import type { GoldenCaseResult, GoldenRunView, GoldenTrigger } from "@/lib/golden-tests/schemas";

type RunRow = { id: string; trigger: string; passed: boolean; total: number; failed: number; results: unknown; at: Date };

export function toRunView(run: RunRow): GoldenRunView {
  return {
    id: run.id,
    trigger: run.trigger as GoldenTrigger,
    passed: run.passed,
    total: run.total,
    failed: run.failed,
    results: run.results as GoldenCaseResult[],
    at: run.at.toISOString(),
  };
}
