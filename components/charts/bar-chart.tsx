"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatChartValue, type ChartFormat } from "@/components/charts/format";

/** Horizontal bars, one per label; negative values are drawn in red. */
export function HorizontalBarChart({ data, format, label }: { data: { label: string; value: number }[]; format: ChartFormat; label: string }) {
  const height = Math.max(160, data.length * 28 + 40);
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatChartValue(v, format)} fontSize={11} />
          <YAxis type="category" dataKey="label" width={180} fontSize={11} />
          <Tooltip formatter={(v) => formatChartValue(v, format)} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => <Cell key={d.label} fill={d.value < 0 ? "#dc2626" : "#2563eb"} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
