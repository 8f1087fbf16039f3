import { z } from "zod";

// The golden-tests contract: what a publisher sets on a draft, and what a run reports.

export const goldenCaseSchema = z
  .object({
    name: z.string().trim().min(1).max(100).describe("what the case checks, e.g. 'a typical setosa'"),
    input: z.unknown().describe("the input sent to the version, as a caller would send it"),
    expected: z
      .unknown()
      .describe(
        "the expected output, or the part of it that matters: every field given here must match, extra fields in the answer are ignored",
      ),
    tolerance: z
      .number()
      .min(0)
      .max(1e9)
      .default(0)
      .describe("numbers may differ by at most this much (absolute); strings, labels and booleans must be equal"),
  })
  .strict();
export type GoldenCase = z.output<typeof goldenCaseSchema>;

export const goldenSuiteBody = z.object({ cases: z.array(goldenCaseSchema).max(100) }).strict();
export type GoldenSuiteBody = z.output<typeof goldenSuiteBody>;

export const goldenCaseResultSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string().optional().describe("why the case failed: the first mismatch, or the error"),
  output: z.unknown().optional(),
});
export type GoldenCaseResult = z.infer<typeof goldenCaseResultSchema>;

export const GOLDEN_TRIGGERS = ["edit", "submit", "daily", "manual"] as const;
export type GoldenTrigger = (typeof GOLDEN_TRIGGERS)[number];

export const goldenRunViewSchema = z.object({
  id: z.uuid(),
  trigger: z.enum(GOLDEN_TRIGGERS),
  passed: z.boolean(),
  total: z.number().int(),
  failed: z.number().int(),
  results: z.array(goldenCaseResultSchema),
  at: z.string(),
});
export type GoldenRunView = z.infer<typeof goldenRunViewSchema>;

export const goldenSuiteViewSchema = z.object({
  cases: z.array(goldenCaseSchema),
  lastRun: goldenRunViewSchema.nullable(),
});
export type GoldenSuiteView = z.infer<typeof goldenSuiteViewSchema>;
