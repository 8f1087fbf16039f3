import { listNotificationsRoute } from "@/lib/notifications/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const dynamic = "force-dynamic";
export const GET = listNotificationsRoute;

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
