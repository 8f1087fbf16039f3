import { markNotificationsReadRoute } from "@/lib/notifications/routes";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";

export const POST = markNotificationsReadRoute;

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
