"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { PredictionView } from "@/lib/predictions/schemas";

export const predictionKey = (id: string) => ["predictions", id] as const;
const FINISHED = new Set(["succeeded", "failed", "canceled"]);

/** A background run's prediction, polled every second until it has finished. */
export function usePrediction(id: string) {
  return useQuery({
    queryKey: predictionKey(id),
    queryFn: () => api.get<PredictionView>(`/api/v1/predictions/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1_000),
  });
}
