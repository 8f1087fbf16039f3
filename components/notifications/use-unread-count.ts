"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";

export const UNREAD_KEY = ["notifications", "unread"] as const;

/** The signed-in person's unread notification count, refreshed every 30 s and when the tab regains focus. */
export function useUnreadCount(initial: number) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await api.get<{ unread: number }>("/api/v1/notifications")).unread,
    initialData: initial,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}
