"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { UNREAD_KEY } from "@/components/notifications/use-unread-count";
import { api } from "@/lib/client/api";
import type { NotificationView } from "@/lib/notifications/schemas";

/** The notifications, newest first: open one (marks it read), mark one or all as read. */
export function NotificationList({ items }: { items: NotificationView[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // No ids: all of them. The answer carries the new unread count, which the bell shows at once.
  const markRead = useMutation({
    mutationFn: (ids?: string[]) => api.post<{ unread: number }>("/api/v1/notifications/read", ids ? { ids } : {}),
    onSuccess: ({ unread }) => queryClient.setQueryData(UNREAD_KEY, unread),
    onSettled: () => router.refresh(),
  });
  const busy = markRead.isPending;

  async function open(n: NotificationView) {
    // Opening it matters more than marking it read: a failed mark still follows the link.
    if (!n.read) await markRead.mutateAsync([n.id]).catch(() => undefined);
    router.push(n.link);
  }

  if (items.length === 0)
    return (
      <p className="rounded border border-dashed border-slate-300 p-6 text-slate-500">
        No notifications yet. Submissions, review decisions and comments on your versions show up here.
      </p>
    );
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-slate-600">{unread === 0 ? "All read." : `${unread} unread.`}</p>
        <button
          type="button"
          disabled={busy || unread === 0}
          onClick={() => markRead.mutate(undefined)}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium disabled:opacity-50"
        >
          Mark all as read
        </button>
      </div>
      {markRead.isError && (
        <p role="alert" className="text-sm text-rose-800">
          {markRead.error.message}
        </p>
      )}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Notifications">
        {items.map((n) => (
          <li
            key={n.id}
            className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between ${n.read ? "" : "bg-sky-50"}`}
            data-testid="notification"
            data-read={n.read}
          >
            <div className="min-w-0 space-y-1">
              <button type="button" onClick={() => open(n)} className="text-left font-medium text-sky-800 hover:underline">
                {!n.read && <span className="sr-only">Unread: </span>}
                {n.title}
              </button>
              {n.body && <p className="break-words text-sm text-slate-700">{n.body}</p>}
              <p className="text-xs text-slate-500">
                {n.actor ? `${n.actor} · ` : ""}
                {new Date(n.createdAt).toLocaleString()}
              </p>
            </div>
            {!n.read && (
              <button
                type="button"
                disabled={busy}
                onClick={() => markRead.mutate([n.id])}
                className="shrink-0 text-sm text-slate-600 hover:underline"
              >
                Mark as read
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
