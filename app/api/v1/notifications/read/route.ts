import { markNotificationsReadRoute } from "@/lib/notifications/routes";

export const POST = markNotificationsReadRoute;
