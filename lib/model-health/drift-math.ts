// Distances between a reference distribution and a window's counts. Both take raw counts.

const EPSILON = 1e-4;

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/** Population stability index over the same bins: Σ (q − p)·ln(q / p), empty bins taken as EPSILON. */
export function psi(reference: readonly number[], actual: readonly number[]): number {
  const p = shares(reference).map((x) => Math.max(x, EPSILON));
  const q = shares(actual).map((x) => Math.max(x, EPSILON));
  return p.reduce((sum, pi, i) => sum + (q[i] - pi) * Math.log(q[i] / pi), 0);
}

/** Jensen-Shannon divergence (base 2, so 0…1) of two category → count maps. */
export function jensenShannon(reference: Record<string, number>, actual: Record<string, number>): number {
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(actual)])];
  const p = shares(keys.map((k) => reference[k] ?? 0));
  const q = shares(keys.map((k) => actual[k] ?? 0));
  const kl = (a: number[], m: number[]) => a.reduce((s, ai, i) => (ai > 0 ? s + ai * Math.log2(ai / m[i]) : s), 0);
  const m = p.map((pi, i) => (pi + q[i]) / 2);
  return Math.max(0, 0.5 * kl(p, m) + 0.5 * kl(q, m));
}
