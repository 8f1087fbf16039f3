"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatChartValue, PALETTE, type ChartFormat } from "@/components/charts/format";

export type LineSeries = { key: string; label: string; dashed?: boolean };

/** A time series chart; `data` rows hold the x value under `xKey` and one number per series key. */
export function TimeLineChart({ data, xKey, series, format, label }: {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: LineSeries[];
  format: ChartFormat;
  label: string;
}) {
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey={xKey} tickFormatter={(v: string) => String(v).slice(5, 16).replace("T", " ")} fontSize={11} />
          <YAxis tickFormatter={(v: number) => formatChartValue(v, format)} fontSize={11} width={72} />
          <Tooltip formatter={(v) => formatChartValue(v, format)} />
          <Legend />
          {series.map((s, i) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={PALETTE[i % PALETTE.length]}
              strokeDasharray={s.dashed ? "5 4" : undefined} dot={false} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
