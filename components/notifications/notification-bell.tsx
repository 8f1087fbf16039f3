"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { UNREAD_KEY, useUnreadCount } from "@/components/notifications/use-unread-count";

/** The header's bell: a link to the notifications list with the unread count. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const { data: unread } = useUnreadCount(initialUnread);
  const queryClient = useQueryClient();
  // Each server render (navigation, refresh) brings a fresh count; it wins over the cached one.
  useEffect(() => {
    queryClient.setQueryData(UNREAD_KEY, initialUnread);
  }, [initialUnread, queryClient]);
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link
      href="/notifications"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className="relative inline-flex h-9 w-9 items-center justify-center rounded text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span
          data-testid="unread-count"
          className="absolute -right-0.5 -top-0.5 min-w-[1.1rem] rounded-full bg-rose-600 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
