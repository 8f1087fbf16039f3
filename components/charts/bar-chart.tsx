"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisWidth, fitLabel, formatChartValue, type ChartFormat } from "@/components/charts/format";

/** Horizontal bars, one per label; negative values are drawn in red. */
export function HorizontalBarChart({
  data,
  format,
  label,
}: {
  data: { label: string; value: number }[];
  format: ChartFormat;
  label: string;
}) {
  const height = Math.max(160, data.length * 28 + 40);
  // The label axis is as wide as the longest label needs (up to 160 px; longer labels are shortened, the
  // tooltip shows them whole), so labels are never cut off at the chart's left edge.
  const labelWidth = axisWidth(
    data.map((d) => d.label),
    160,
  );
  return (
    <div role="img" aria-label={label} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatChartValue(v, format)} fontSize={11} />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            fontSize={11}
            interval={0}
            tickFormatter={(l: string) => fitLabel(l, labelWidth)}
          />
          <Tooltip formatter={(v) => formatChartValue(v, format)} />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.value < 0 ? "#dc2626" : "#2563eb"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
