"use client";

import { TimeLineChart } from "@/components/charts/line-chart";

export type DriftChartRow = Record<string, string | number | null>;

/** Drift per feature over time (PSI or Jensen-Shannon, one line each). */
export function DriftChart({ data, features, label }: { data: DriftChartRow[]; features: string[]; label: string }) {
  return <TimeLineChart data={data} xKey="at" series={features.map((f) => ({ key: f, label: f }))} format="number" label={label} />;
}
