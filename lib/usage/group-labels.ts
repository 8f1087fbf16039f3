import "server-only";
import { kdb } from "@/lib/server/db";
import type { GroupBy } from "@/lib/usage/query-rollups";
import { CHANNEL_LABELS, type ChannelName } from "@/lib/usage/schemas";

export const CONSOLE = "Console (no app)";

export type GroupLabel = {
  label: string;
  /** statement_line groups: the consuming unit (slug null: console calls), the model's slug and the app's label. */
  line?: { unit: { slug: string | null; name: string }; model: string; app: string };
};

const ids = (keys: Iterable<string>) => [...new Set(keys)].filter((k) => k !== "none");

async function modelSlugs(keys: string[]) {
  const list = ids(keys);
  const rows = list.length ? await kdb().selectFrom("models").select(["id", "slug"]).where("id", "in", list).execute() : [];
  return new Map(rows.map((m) => [m.id, m.slug]));
}

async function appLabels(keys: string[]) {
  const list = ids(keys);
  const rows = list.length ? await kdb().selectFrom("apps").select(["id", "name", "deletedAt"]).where("id", "in", list).execute() : [];
  // A deleted app keeps its history everywhere, labelled as such.
  const out = new Map(rows.map((a) => [a.id, `${a.name}${a.deletedAt ? " (deleted)" : ""}`]));
  out.set("none", CONSOLE);
  return out;
}

async function units(keys: string[]) {
  const list = ids(keys);
  const rows = list.length ? await kdb().selectFrom("business_units").select(["id", "slug", "name"]).where("id", "in", list).execute() : [];
  const out = new Map(rows.map((u) => [u.id, { slug: u.slug as string | null, name: u.name }]));
  out.set("none", { slug: null, name: CONSOLE });
  return out;
}

async function versionLabels(keys: string[]) {
  const list = ids(keys);
  const rows = list.length
    ? await kdb()
        .selectFrom("model_versions as v")
        .innerJoin("models as m", "m.id", "v.modelId")
        .select(["v.id", "m.slug", "v.version"])
        .where("v.id", "in", list)
        .execute()
    : [];
  return new Map(rows.map((v) => [v.id, `${v.slug}@${v.version}`]));
}

/** Labels of a report's group keys. A key whose model or version is gone (never through the product) has none. */
export async function labelGroups(groupBy: GroupBy, keys: string[]): Promise<Map<string, GroupLabel>> {
  const named = (names: Map<string, string>) =>
    new Map(keys.flatMap((k) => (names.has(k) ? [[k, { label: names.get(k)! }] as const] : [])));
  switch (groupBy) {
    case "model":
      return named(await modelSlugs(keys));
    case "version":
      return named(await versionLabels(keys));
    case "app":
      return named(await appLabels(keys));
    case "channel":
      return named(new Map(keys.map((k) => [k, CHANNEL_LABELS[k as ChannelName] ?? k])));
    case "business_unit":
    case "owner_business_unit": {
      const found = await units(keys);
      return named(new Map([...found].map(([id, u]) => [id, u.name])));
    }
    case "statement_line": {
      const parts = keys.map((k) => k.split("|") as [string, string, string]);
      const [unitOf, modelOf, appOf] = await Promise.all([
        units(parts.map((p) => p[0])),
        modelSlugs(parts.map((p) => p[1])),
        appLabels(parts.map((p) => p[2])),
      ]);
      const out = new Map<string, GroupLabel>();
      parts.forEach(([u, m, a], i) => {
        const unit = unitOf.get(u);
        const model = modelOf.get(m);
        const app = appOf.get(a);
        if (unit && model && app) out.set(keys[i], { label: `${unit.name} · ${model} · ${app}`, line: { unit, model, app } });
      });
      return out;
    }
  }
}
