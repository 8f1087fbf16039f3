// Shapes of the demo company's hand-written data tables (org-data.ts, models-*.ts).
import type { RiskLevel, Role, TeamRole } from "../../lib/generated/prisma/enums";

export type BusinessUnitDef = { slug: string; name: string; costCenter: string };
export type TeamDef = { slug: string; name: string; businessUnit: string; description: string };
export type UserDef = {
  email: string;
  name: string;
  role: Role;
  teams: [team: string, role: TeamRole][];
  disabled?: boolean;
};

/** How callers spread their calls over the day and week (see traffic-profiles.ts). */
export type Profile = "business" | "consumer" | "batch" | "console";

/** The version history a model went through (see versions.ts for the timelines). */
export type Lifecycle = "mature" | "upgrade" | "steady" | "fresh" | "pending" | "draft" | "rejected" | "single";

export type HardwareClass = "cpu-small" | "cpu-large" | "gpu-t4" | "gpu-a100";

/** A hardware class (compute_time), micros per call (per_call), or token prices (tokens). */
export type CostSpec = HardwareClass | number | { inPer1k: number; outPer1k: number };

/** Input/output contract of a model; decides schemas, example input, runtime and traffic shape. */
export type IoSpec =
  | {
      kind: "tabular";
      features: Record<string, string | number | boolean>;
      output: "probability" | "regression" | "anomaly";
      unit?: string;
    }
  | { kind: "kserve"; names: string[]; values: number[] }
  | { kind: "text"; text: string; labels: string[] }
  | { kind: "ner"; text: string; entities: string[] }
  | { kind: "forecast"; seriesId: string; horizonDays: number }
  | { kind: "recommend"; userId: string; surface: string }
  | { kind: "embed"; text: string; dims: number; upstream: string }
  | { kind: "chat"; system: string; prompt: string; upstream: string }
  | { kind: "image"; labels: string[] }
  /** A real ONNX artifact (prisma/seed-data/onnx) with its own schemas. */
  | {
      kind: "onnx";
      inputSchema: JsonObject;
      outputSchema: JsonObject;
      exampleInput: JsonObject;
      artifact: { key: string; sha256: string; size: number };
    };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * An app calling the model. `mode`: follow = moves to each new approved version after a few days;
 * pinned = stays on the version it started with while it is not retired (so it keeps calling a deprecated one);
 * legacy = stays on the oldest version until it is retired, then moves to its replacement and follows.
 * `sinceDays`: started calling that many days ago (ramps up); default: before the 90-day history.
 */
export type CallerDef = {
  app: string;
  perDay: number;
  profile?: Profile;
  mode?: "follow" | "pinned" | "legacy";
  sinceDays?: number;
  /** The app's key this traffic uses (default: the app's main key at the time). */
  key?: string;
};

export type ModelDef = {
  team: string;
  name: string;
  displayName: string;
  task: string;
  framework: string;
  tags: string[];
  license: string | null;
  summary: string;
  businessOwner: string;
  risk: RiskLevel;
  gated?: boolean;
  /** Business value of one successful call, in micros. */
  valuePerCall: number;
  lifecycle: Lifecycle;
  io: IoSpec;
  cost: CostSpec;
  /** Median upstream latency in ms. */
  latencyMs: number;
  intendedUse: string;
  limitations: string[];
  trainingData: string;
  metrics: [name: string, value: string][];
  /** A ready-made Markdown card (ONNX models); otherwise the card is composed from the fields above. */
  card?: string;
  /** Card sections left out on purpose (portfolio hygiene findings). */
  missing?: ("intendedUse" | "limitations" | "trainingData" | "evaluation")[];
  callers?: CallerDef[];
  /** Console calls per day from people trying the model in the browser. */
  consolePerDay?: number;
  /** An upstream incident: days ago it started and its length in hours. */
  incident?: { daysAgo: number; hours: number };
};

export type AppDef = {
  team: string;
  name: string;
  description: string;
  createdBy: string;
  keys: KeyDef[];
};

export type KeyDef = {
  name: string;
  scopes: ("invoke" | "publish" | "read")[];
  createdDaysAgo: number;
  revokedDaysAgo?: number;
  /** Negative: already expired. */
  expiresInDays?: number;
  /** Not the app's main key: carries traffic only when a caller names it. */
  extra?: boolean;
};
