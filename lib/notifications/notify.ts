import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { NotificationKind } from "@/lib/notifications/schemas";

export type NewNotification = {
  kind: NotificationKind;
  title: string;
  body?: string;
  link: string;
  versionId?: string;
  actorId?: string | null;
};

/**
 * Writes one notification per recipient inside the caller's transaction, so a notification exists if and
 * only if the event it announces committed. The person who caused the event is never notified of it.
 */
export async function notify(tx: DbOrTx, recipientIds: (string | null | undefined)[], n: NewNotification): Promise<string[]> {
  const recipients = [...new Set(recipientIds.filter((id): id is string => Boolean(id) && id !== n.actorId))];
  if (recipients.length === 0) return [];
  await tx.notification.createMany({
    data: recipients.map((recipientId) => ({
      recipientId,
      kind: n.kind,
      title: n.title.slice(0, 300),
      body: (n.body ?? "").slice(0, 2000),
      link: n.link,
      versionId: n.versionId ?? null,
      actorId: n.actorId ?? null,
    })),
  });
  return recipients;
}
