import "server-only";
import { db } from "@/lib/server/db";
import type { NotificationKind, NotificationView } from "@/lib/notifications/schemas";

/** The person's latest notifications (newest first) and how many are unread. Only ever their own. */
export async function listNotifications(input: { userId: string; take?: number }): Promise<{ items: NotificationView[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    db.notification.findMany({
      where: { recipientId: input.userId },
      orderBy: { createdAt: "desc" },
      take: input.take ?? 50,
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        link: true,
        readAt: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
    countUnread(input.userId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      title: r.title,
      body: r.body,
      link: r.link,
      actor: r.actor?.name ?? null,
      read: r.readAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    unread,
  };
}

export function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { recipientId: userId, readAt: null } });
}
