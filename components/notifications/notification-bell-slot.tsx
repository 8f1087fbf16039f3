import { NotificationBell } from "@/components/notifications/notification-bell";
import { countUnread } from "@/lib/notifications/list-notifications";

/** Server part of the bell: the count as of this page render, so it is right without waiting for the first poll. */
export async function NotificationBellSlot({ userId }: { userId: string }) {
  return <NotificationBell initialUnread={await countUnread(userId)} />;
}
