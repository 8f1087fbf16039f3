import { z } from "zod";

// The notifications contract: the bell, the notifications page and the API use these.

export const NOTIFICATION_KINDS = [
  "version.submitted",
  "version.approved",
  "version.approval_recorded",
  "version.rejected",
  "version.commented",
  "budget.threshold",
  "model.alert",
  "model.alert.resolved",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationView = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().describe("a path inside the portal"),
  actor: z.string().nullable().describe("who caused it"),
  read: z.boolean(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationList = z.object({ items: z.array(notificationView), unread: z.number().int() });

export const markReadBody = z
  .object({
    ids: z.array(z.uuid()).max(200).optional().describe("the notifications to mark as read; omit to mark all"),
  })
  .strict();
export type MarkReadBody = z.infer<typeof markReadBody>;

export const unreadCount = z.object({ unread: z.number().int() });
