"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisWidth, formatChartValue, PALETTE, type ChartFormat } from "@/components/charts/format";

export type LineSeries = { key: string; label: string; dashed?: boolean };

/** A time series chart; `data` rows hold the x value under `xKey` and one number per series key. */
export function TimeLineChart({
  data,
  xKey,
  series,
  format,
  label,
}: {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: LineSeries[];
  format: ChartFormat;
  label: string;
}) {
  // Wide enough for the largest value's label (ticks are round numbers near it), so none is cut off.
  const values = data.flatMap((row) => series.map((s) => Number(row[s.key] ?? 0)));
  const extremes = [Math.max(0, ...values), Math.min(0, ...values)].map((v) => formatChartValue(v * 1.25, format));
  const valueWidth = axisWidth(extremes, 96);
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tickFormatter={(v: string) => String(v).slice(5, 16).replace("T", " ")} fontSize={11} />
          <YAxis tickFormatter={(v: number) => formatChartValue(v, format)} fontSize={11} width={valueWidth} />
          <Tooltip formatter={(v) => formatChartValue(v, format)} />
          <Legend />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={PALETTE[i % PALETTE.length]}
              strokeDasharray={s.dashed ? "5 4" : undefined}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
