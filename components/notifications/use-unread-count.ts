"use client";

import { useQuery } from "@tanstack/react-query";

export const UNREAD_KEY = ["notifications", "unread"] as const;

/** The signed-in person's unread notification count, refreshed every 30 s and when the tab regains focus. */
export function useUnreadCount(initial: number) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => {
      const res = await fetch("/api/v1/notifications", { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`notifications: HTTP ${res.status}`);
      return ((await res.json()) as { unread: number }).unread;
    },
    initialData: initial,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}
