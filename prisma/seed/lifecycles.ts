// Version histories. Each lifecycle is a timeline in days before "now" (jittered by the seed), so the
// history always ends today: deprecated versions have a sunset date ahead, retired ones a replacement.
import type { VersionStatus } from "../../lib/generated/prisma/enums";
import type { Lifecycle } from "./types";
import type { Rng } from "./random";

export type VersionPlan = {
  version: string;
  major: number;
  minor: number;
  patch: number;
  status: VersionStatus;
  createdAt: Date;
  submittedAt: Date | null;
  /** Approval, or rejection for a rejected version. */
  reviewedAt: Date | null;
  deprecatedAt: Date | null;
  sunsetAt: Date | null;
  retiredAt: Date | null;
  /** Version string of the replacement of a retired version. */
  replacement: string | null;
  changelog: string;
};

export type LifecyclePlan = { modelCreatedAt: Date; versions: VersionPlan[] };

const DAY = 86_400_000;

type Step = {
  v: [number, number, number];
  status: VersionStatus;
  /** Days ago it was submitted (null: never submitted). */
  submitted: number | null;
  reviewed?: number;
  deprecated?: number;
  sunsetIn?: number;
  retired?: number;
  replacement?: string;
  changelog: string;
};

function steps(lifecycle: Lifecycle, rng: Rng): { created: number; steps: Step[] } {
  const j = (min: number, max: number) => rng.between(min, max);
  switch (lifecycle) {
    case "mature": {
      const created = j(330, 420);
      const v2 = j(70, 80);
      const minor = rng.int(3, 5);
      const patch = rng.int(0, 3);
      return {
        created,
        steps: [
          {
            v: [1, 0, 0],
            status: "retired",
            submitted: created - 5,
            reviewed: created - 7,
            deprecated: j(150, 170),
            retired: j(40, 50),
            replacement: "2.0.0",
            changelog: "Initial production release.",
          },
          {
            v: [1, minor, patch],
            status: "deprecated",
            submitted: j(185, 210),
            reviewed: j(175, 183),
            deprecated: v2 - j(8, 14),
            sunsetIn: j(20, 70),
            changelog: "Retrained on the latest 12 months; recalibrated scores.",
          },
          {
            v: [2, 0, 0],
            status: "approved",
            submitted: v2 + j(2, 4),
            reviewed: v2,
            changelog:
              "Major upgrade: new architecture, retrained end to end; scores are not comparable with 1.x, so thresholds must be re-tuned.",
          },
          {
            v: [2, 1, 0],
            status: "approved",
            submitted: j(20, 24),
            reviewed: j(12, 19),
            changelog: "Monthly retrain; latency improvements.",
          },
          {
            v: [2, 2, 0],
            status: "pending_review",
            submitted: j(1, 4),
            changelog: "Adds explanation output; retrained with last quarter's labels.",
          },
        ],
      };
    }
    case "upgrade": {
      const created = j(250, 330);
      const deprecated = j(25, 40);
      return {
        created,
        steps: [
          {
            v: [1, 0, 0],
            status: "deprecated",
            submitted: created - 4,
            reviewed: created - 6,
            deprecated,
            sunsetIn: j(20, 60),
            changelog: "Initial production release.",
          },
          {
            v: [2, 0, 0],
            status: "approved",
            submitted: deprecated + j(5, 8),
            reviewed: deprecated + j(2, 4),
            changelog: "New architecture; scores are not comparable with 1.x (recalibrate thresholds before switching).",
          },
          { v: [2, 0, 1], status: "pending_review", submitted: j(1, 5), changelog: "Fixes a preprocessing bug for empty inputs." },
        ],
      };
    }
    case "steady": {
      const created = j(120, 300);
      const minor = j(40, 80);
      return {
        created,
        steps: [
          { v: [1, 0, 0], status: "approved", submitted: created - 3, reviewed: created - 5, changelog: "Initial production release." },
          {
            v: [1, 1, 0],
            status: "approved",
            submitted: minor + j(2, 5),
            reviewed: minor,
            changelog: "Retrained with three more months of data; small accuracy gain.",
          },
          { v: [1, 2, 0], status: "draft", submitted: null, changelog: "Work in progress: new features from the feature store." },
        ],
      };
    }
    case "fresh": {
      const created = j(50, 60);
      return {
        created,
        steps: [
          { v: [0, 9, 0], status: "rejected", submitted: created - 3, reviewed: created - 5, changelog: "First candidate for production." },
          {
            v: [1, 0, 0],
            status: "approved",
            submitted: j(48, 50),
            reviewed: j(44, 47),
            changelog: "Addresses review findings: holdout evaluation and model card completed.",
          },
        ],
      };
    }
    case "pending": {
      const created = j(6, 20);
      return {
        created,
        steps: [{ v: [0, 1, 0], status: "pending_review", submitted: j(1, 5), changelog: "First version submitted for review." }],
      };
    }
    case "draft": {
      const created = j(1, 15);
      return { created, steps: [{ v: [0, 1, 0], status: "draft", submitted: null, changelog: "Prototype." }] };
    }
    case "rejected": {
      const created = j(20, 40);
      return {
        created,
        steps: [
          { v: [1, 0, 0], status: "rejected", submitted: created - 2, reviewed: created - 4, changelog: "First version." },
          { v: [1, 0, 1], status: "pending_review", submitted: j(1, 3), changelog: "Addresses the review comments." },
        ],
      };
    }
    case "single": {
      const created = j(60, 200);
      return {
        created,
        steps: [{ v: [1, 0, 0], status: "approved", submitted: created - 1, reviewed: created - 2, changelog: "Initial release." }],
      };
    }
  }
}

/** A moment on the given day, during working hours (UTC), so events look human. */
function workTime(now: Date, daysAgo: number, rng: Rng): Date {
  const day = new Date(now.getTime() - Math.max(0, daysAgo) * DAY);
  day.setUTCHours(8, 0, 0, 0);
  const at = new Date(day.getTime() + rng.between(0.5, 9.5) * 3_600_000);
  return at > now ? new Date(now.getTime() - rng.between(5, 60) * 60_000) : at;
}

export function planLifecycle(lifecycle: Lifecycle, rng: Rng, now: Date): LifecyclePlan {
  const plan = steps(lifecycle, rng);
  const modelCreatedAt = workTime(now, plan.created, rng);
  const versions = plan.steps.map((s): VersionPlan => {
    const submittedAt = s.submitted === null ? null : workTime(now, s.submitted, rng);
    const createdAt = submittedAt
      ? new Date(Math.max(modelCreatedAt.getTime(), submittedAt.getTime() - rng.between(0.2, 3) * DAY))
      : new Date(Math.max(modelCreatedAt.getTime() + 3_600_000, workTime(now, rng.between(0, Math.min(plan.created, 10)), rng).getTime()));
    const reviewedAt = s.reviewed === undefined ? null : workTime(now, s.reviewed, rng);
    return {
      version: s.v.join("."),
      major: s.v[0],
      minor: s.v[1],
      patch: s.v[2],
      status: s.status,
      createdAt,
      submittedAt,
      reviewedAt: reviewedAt && submittedAt && reviewedAt < submittedAt ? new Date(submittedAt.getTime() + 3_600_000) : reviewedAt,
      deprecatedAt: s.deprecated === undefined ? null : workTime(now, s.deprecated, rng),
      sunsetAt:
        s.sunsetIn === undefined
          ? null
          : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + Math.round(s.sunsetIn))),
      retiredAt: s.retired === undefined ? null : workTime(now, s.retired, rng),
      replacement: s.replacement ?? null,
      changelog: s.changelog,
    };
  });
  return { modelCreatedAt, versions };
}
