import { sessionUserOf } from "@/lib/governance/session-caller";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { markReadBody, unreadCount } from "@/lib/notifications/schemas";

// POST /api/v1/notifications/read — a session, never an API key.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/notifications/read",
    summary: "Mark your notifications as read (the given ids, or all)",
    tags: ["notifications"],
    permission: "signed-in",
    body: markReadBody,
    bodyLimit: 20_000,
    responses: {
      200: { description: "Marked; the remaining unread count", schema: unreadCount },
      400: { description: "Invalid body" },
      401: { description: "Not signed in" },
    },
  },
  async ({ caller, body }) => json(await markNotificationsRead({ userId: sessionUserOf(caller).id, ids: body.ids })),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
