import { sessionUserOf } from "@/lib/governance/session-caller";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { notificationList } from "@/lib/notifications/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications — notifications are for people: a session, never an API key.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/notifications",
    summary: "Your latest notifications (newest first) and the unread count",
    tags: ["notifications"],
    permission: "signed-in",
    responses: {
      200: { description: "Your notifications", schema: notificationList },
      401: { description: "Not signed in" },
      403: { description: "API keys cannot read notifications" },
    },
  },
  async ({ caller }) => json(await listNotifications({ userId: sessionUserOf(caller).id })),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
