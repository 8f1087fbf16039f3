// Which version a caller uses over time, given how it upgrades (see CallerDef.mode).
import type { CallerDef } from "./types";

export type ServedVersion = { id: string; approvedAt: Date; retiredAt: Date | null; replacementId: string | null };
export type VersionSegment = { versionId: string; from: Date; to: Date };

export function versionSegments(
  mode: NonNullable<CallerDef["mode"]>,
  served: ServedVersion[],
  window: { from: Date; to: Date },
  lagMs: number,
): VersionSegment[] {
  const sorted = [...served].sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime());
  const inside = (t: number) => t > window.from.getTime() && t < window.to.getTime();
  const points = [
    window.from.getTime(),
    ...sorted.flatMap((v) => [v.approvedAt.getTime(), v.approvedAt.getTime() + lagMs, v.retiredAt?.getTime() ?? 0]).filter(inside),
    window.to.getTime(),
  ];
  const times = [...new Set(points)].sort((a, b) => a - b);

  let current: ServedVersion | null = null;
  let behaviour = mode;
  const segments: VersionSegment[] = [];
  for (let i = 0; i < times.length - 1; i++) {
    const t = times[i];
    const available = sorted.filter((v) => v.approvedAt.getTime() <= t && !(v.retiredAt && v.retiredAt.getTime() <= t));
    if (available.length === 0) {
      current = null;
      continue;
    }
    const settled = available.filter((v) => v.approvedAt.getTime() + lagMs <= t);
    const latest = settled.at(-1) ?? available.at(-1) ?? null;
    const stillServed = current !== null && available.some((v) => v.id === current?.id);
    if (behaviour === "follow") {
      current = latest;
    } else if (current === null) {
      current = behaviour === "legacy" ? available[0] : latest;
    } else if (!stillServed) {
      const replacementId: string | null = current.replacementId;
      current = available.find((v) => v.id === replacementId) ?? latest;
      behaviour = "follow";
    }
    if (!current) continue;
    const last = segments.at(-1);
    if (last && last.versionId === current.id && last.to.getTime() === t) last.to = new Date(times[i + 1]);
    else segments.push({ versionId: current.id, from: new Date(t), to: new Date(times[i + 1]) });
  }
  return segments;
}
