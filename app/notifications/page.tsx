import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/page-title";
import { NotificationList } from "@/components/notifications/notification-list";
import { requireUser } from "@/lib/auth/require-user";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const { items } = await listNotifications({ userId: user.id });
  return (
    <div className="space-y-4">
      <PageTitle title="Notifications" subtitle="Submissions waiting for you, decisions and comments on your versions." />
      <NotificationList items={items} />
    </div>
  );
}
