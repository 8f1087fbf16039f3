/** The gateway's own time and the model's time from `Server-Timing: gateway;dur=1.2, upstream;dur=30`. */
export function parseServerTiming(header: string | null): { gateway: number | null; upstream: number | null } {
  const out: { gateway: number | null; upstream: number | null } = { gateway: null, upstream: null };
  for (const metric of (header ?? "").split(",")) {
    const [name, ...params] = metric.trim().split(";");
    const dur = params.map((p) => /^\s*dur=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if ((name === "gateway" || name === "upstream") && dur !== undefined && Number.isFinite(Number(dur))) out[name] = Number(dur);
  }
  return out;
}
