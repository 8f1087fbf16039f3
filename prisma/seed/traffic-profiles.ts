// Daily and weekly shapes of traffic (hours and weekdays in UTC). A weight of 1 is the average hour of
// a normal weekday, so `perDay / 24 × weight` is the expected number of calls in that hour.
import type { Profile } from "./types";

// prettier-ignore
const HOURS: Record<Profile, number[]> = {
  // Internal tools and office workflows: 9-to-5 with a lunch dip.
  business: [0.05, 0.04, 0.04, 0.04, 0.05, 0.1, 0.3, 0.8, 1.5, 2.1, 2.3, 2.2, 1.6, 2.0, 2.2, 2.1, 1.8, 1.2, 0.6, 0.35, 0.25, 0.15, 0.1, 0.07],
  // Shoppers: quiet nights, a lunch bump and an evening peak.
  consumer: [0.35, 0.22, 0.15, 0.12, 0.12, 0.2, 0.45, 0.8, 1.0, 1.1, 1.15, 1.25, 1.4, 1.3, 1.2, 1.15, 1.2, 1.4, 1.65, 1.85, 1.95, 1.7, 1.2, 0.7],
  // Nightly batch jobs between 01:00 and 04:00, plus the odd re-run.
  batch: [0.4, 5.2, 7.4, 6.1, 2.8, 0.5, 0.1, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.2],
  // People trying models in the browser.
  console: [0, 0, 0, 0, 0, 0, 0.05, 0.3, 1.4, 2.6, 2.8, 2.4, 1.3, 2.2, 2.9, 2.7, 2.1, 1.4, 0.6, 0.2, 0.1, 0.05, 0, 0],
};

// Sunday first (Postgres `extract(dow)`).
const WEEKDAYS: Record<Profile, number[]> = {
  business: [0.07, 1.0, 1.08, 1.1, 1.04, 0.86, 0.1],
  consumer: [1.12, 0.95, 0.93, 0.95, 0.98, 1.03, 1.1],
  batch: [0.55, 1.0, 1.0, 1.0, 1.0, 1.0, 0.6],
  console: [0.03, 1.0, 1.15, 1.2, 1.1, 0.7, 0.05],
};

/** Weights of the 168 hours of a week (index = weekday × 24 + hour, Sunday 00:00 first). */
export type ProfileWeights = { profile: Profile; weights: number[] };

export function profileWeights(): ProfileWeights[] {
  return (Object.keys(HOURS) as Profile[]).map((profile) => {
    const hours = HOURS[profile];
    const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
    return { profile, weights: WEEKDAYS[profile].flatMap((dayFactor) => hours.map((h) => (h / mean) * dayFactor)) };
  });
}
