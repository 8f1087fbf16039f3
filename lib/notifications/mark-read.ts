import "server-only";
import { db } from "@/lib/server/db";
import { countUnread } from "@/lib/notifications/list-notifications";

/** Marks the person's own notifications as read (the given ones, or all); others' ids are ignored. */
export async function markNotificationsRead(input: { userId: string; ids?: string[] }): Promise<{ unread: number }> {
  await db.notification.updateMany({
    where: { recipientId: input.userId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { unread: await countUnread(input.userId) };
}
