import type { RoiReport } from "@/lib/usage/get-roi";

export type Mover = { key: string; label: string; netMicros: bigint; previousNetMicros: bigint; changeMicros: bigint };

/** The groups whose net value (value − cost) changed most against the previous period of equal length. */
export function topMovers(current: RoiReport, previous: RoiReport, limit = 5): Mover[] {
  const before = new Map(previous.groups.map((g) => [g.key, g]));
  const keys = new Set([...current.groups.map((g) => g.key), ...before.keys()]);
  const now = new Map(current.groups.map((g) => [g.key, g]));
  const movers: Mover[] = [];
  for (const key of keys) {
    const a = now.get(key);
    const b = before.get(key);
    const netMicros = a?.netMicros ?? 0n;
    const previousNetMicros = b?.netMicros ?? 0n;
    movers.push({ key, label: (a ?? b)!.label, netMicros, previousNetMicros, changeMicros: netMicros - previousNetMicros });
  }
  const abs = (x: bigint) => (x < 0n ? -x : x);
  return movers
    .filter((m) => m.changeMicros !== 0n)
    .sort((x, y) => (abs(y.changeMicros) > abs(x.changeMicros) ? 1 : -1))
    .slice(0, limit);
}
