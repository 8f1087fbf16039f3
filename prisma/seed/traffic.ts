// The traffic plan: one stream per (caller, version, key) with its rate, shape, error rates, latency,
// sizes and prices. Postgres turns the streams into individual invocations (traffic-sql.ts).
import type { Grants, SeededApp } from "./build-apps";
import type { CatalogModel } from "./build-catalog";
import type { Org } from "./build-org";
import type { Rng } from "./random";
import type { Person } from "./rows";
import type { CallerDef, Profile } from "./types";
import { versionSegments, type ServedVersion, type VersionSegment } from "./version-timeline";

const DAY = 86_400_000;
export const HISTORY_DAYS = 90;
/** The data tables give relative daily volumes; this keeps the demo history at a few hundred thousand calls. */
export const VOLUME_SCALE = 0.25;

export type Stream = {
  model_id: string;
  version_id: string;
  app_id: string | null;
  key_id: string | null;
  user_id: string | null;
  channel: "api" | "console";
  per_hour: number;
  profile: Profile;
  from_at: string;
  to_at: string;
  ramp_from: string | null;
  growth: number;
  err4: number;
  err5: number;
  up_ms: number;
  up_sigma: number;
  timeout_ms: number;
  bytes_in: number;
  bytes_out: number;
  tok_in: number | null;
  tok_out: number | null;
  cost_kind: string;
  micros_per_call: number | null;
  hw: string | null;
  in_per1k: number | null;
  out_per1k: number | null;
  value_micros: number;
  inc_from: string | null;
  inc_to: string | null;
};

type StreamBase = Omit<
  Stream,
  | "version_id"
  | "app_id"
  | "key_id"
  | "user_id"
  | "channel"
  | "per_hour"
  | "profile"
  | "from_at"
  | "to_at"
  | "ramp_from"
  | "growth"
  | "err4"
  | "up_ms"
>;

function clip(segments: VersionSegment[], from: Date, to: Date): VersionSegment[] {
  return segments
    .map((s) => ({
      ...s,
      from: new Date(Math.max(s.from.getTime(), from.getTime())),
      to: new Date(Math.min(s.to.getTime(), to.getTime())),
    }))
    .filter((s) => s.to > s.from);
}

export function planTraffic(
  catalog: CatalogModel[],
  options: { now: Date; rng: Rng; org: Org; apps: SeededApp[]; grants: Grants },
): Stream[] {
  const { now, rng, org, apps, grants } = options;
  const historyStart = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const streams: Stream[] = [];
  const consoleUsers = [...org.byRole("consumer"), ...org.byRole("publisher")].filter((p) => p.email !== "ethan.park@modelport.local");

  for (const model of catalog) {
    const { def } = model;
    const r = rng.fork(`traffic:${model.slug}`);
    const served: ServedVersion[] = model.versions.flatMap((v) =>
      ["approved", "deprecated", "retired"].includes(v.plan.status) && v.plan.reviewedAt
        ? [
            {
              id: v.id,
              approvedAt: v.plan.reviewedAt,
              retiredAt: v.plan.retiredAt,
              replacementId: model.versions.find((x) => x.plan.version === v.plan.replacement)?.id ?? null,
            },
          ]
        : [],
    );
    if (served.length === 0) continue;
    const firstApproval = new Date(Math.min(...served.map((v) => v.approvedAt.getTime())));
    const incidentFrom = def.incident ? new Date(now.getTime() - def.incident.daysAgo * DAY + r.between(8, 14) * 3_600_000) : null;
    const cost = model.versions[0].serving.costModel;
    const chat = def.io.kind === "chat";
    const base: StreamBase = {
      model_id: model.id,
      err5: chat ? 0.012 : 0.003,
      up_sigma: chat ? 0.45 : def.io.kind === "onnx" ? 0.5 : 0.35,
      timeout_ms: model.versions[0].serving.timeoutMs,
      bytes_in: model.io.bytesIn,
      bytes_out: model.io.bytesOut,
      tok_in: model.io.tokens?.in ?? null,
      tok_out: model.io.tokens?.out ?? null,
      cost_kind: cost.kind,
      micros_per_call: cost.kind === "per_call" ? cost.microsPerCall : null,
      hw: cost.kind === "compute_time" ? cost.hardwareClass : null,
      in_per1k: cost.kind === "tokens" ? cost.inputMicrosPer1k : null,
      out_per1k: cost.kind === "tokens" ? cost.outputMicrosPer1k : null,
      value_micros: def.valuePerCall,
      inc_from: incidentFrom?.toISOString() ?? null,
      inc_to: incidentFrom && def.incident ? new Date(incidentFrom.getTime() + def.incident.hours * 3_600_000).toISOString() : null,
    };
    const majorOf = (versionId: string) => model.versions.find((v) => v.id === versionId)?.plan.major ?? 1;
    // Older majors run on older, slower deployments.
    const latencyFor = (versionId: string) =>
      def.latencyMs * (majorOf(versionId) < 2 && model.versions.some((v) => v.plan.major >= 2) ? 1.2 : 1);

    const callers: (CallerDef & { user?: Person })[] = [...(def.callers ?? [])];
    if (def.consolePerDay) {
      const pool = def.gated ? org.members(def.team) : consoleUsers;
      const people = r.sample(pool, Math.min(3, pool.length));
      if (!def.gated && r.chance(0.5)) people[0] = org.person("consumer@modelport.local");
      for (const user of people) callers.push({ app: "", perDay: def.consolePerDay / people.length, profile: "console", user });
    }

    for (const caller of callers) {
      const app = caller.user ? null : apps.find((a) => a.name === caller.app);
      if (!caller.user && !app) throw new Error(`seed data: ${model.slug} is called by unknown app ${caller.app}`);
      const grantedAt = app && def.gated ? grants.get(`${model.slug}|${app.name}`) : undefined;
      if (app && def.gated && !grantedAt)
        throw new Error(`seed data: ${app.name} calls gated ${model.slug} without an approved access request`);
      const since = caller.sinceDays === undefined ? historyStart : new Date(now.getTime() - caller.sinceDays * DAY);
      const from = new Date(Math.max(historyStart.getTime(), since.getTime(), grantedAt?.getTime() ?? 0));
      const adoptedAt = new Date(Math.max(since.getTime(), firstApproval.getTime()));
      const segments = versionSegments(
        caller.user ? "follow" : (caller.mode ?? "follow"),
        served,
        { from, to: now },
        caller.user ? 0 : r.between(1, 10) * DAY,
      );
      const keys = !app ? [null] : app.keys.filter((k) => (caller.key ? k.name === caller.key : !k.extra));
      if (keys.length === 0) throw new Error(`seed data: ${caller.app} has no key ${caller.key ?? "(main)"}`);
      // Console use is people clicking, not scaled with machine traffic.
      const perDay = caller.user ? caller.perDay : caller.perDay * VOLUME_SCALE;
      const growth = r.between(-0.02, 0.12);
      for (const key of keys) {
        const parts = key ? clip(segments, key.createdAt, key.endsAt ?? now) : segments;
        for (const part of parts) {
          streams.push({
            ...base,
            version_id: part.versionId,
            app_id: app?.id ?? null,
            key_id: key?.id ?? null,
            user_id: caller.user?.id ?? null,
            channel: caller.user ? "console" : "api",
            per_hour: perDay / 24,
            profile: caller.profile ?? "business",
            from_at: part.from.toISOString(),
            to_at: part.to.toISOString(),
            ramp_from: adoptedAt > historyStart ? adoptedAt.toISOString() : null,
            growth,
            err4: caller.user ? 0.05 : r.between(0.003, 0.012),
            up_ms: latencyFor(part.versionId),
          });
        }
      }
    }
  }
  return streams;
}
