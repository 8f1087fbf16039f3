"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { AppView } from "@/lib/apps/schemas";

export const MY_APPS_KEY = ["apps", "mine"] as const;

/** The apps of the signed-in user's teams (GET /api/v1/apps), fetched only when `enabled`. */
export function useMyApps(enabled: boolean) {
  return useQuery({
    queryKey: MY_APPS_KEY,
    queryFn: async () => (await api.get<{ items: AppView[] }>("/api/v1/apps")).items,
    enabled,
  });
}
