import { registerRoute } from "@/lib/openapi/registry";
import { markReadBody, notificationList, unreadCount } from "@/lib/notifications/schemas";

const tags = ["notifications"];

registerRoute({
  method: "get",
  path: "/api/v1/notifications",
  summary: "Your latest notifications (newest first) and the unread count",
  tags,
  auth: ["session"],
  responses: {
    200: { description: "Your notifications", schema: notificationList },
    401: { description: "Not signed in" },
    403: { description: "API keys cannot read notifications" },
  },
});

registerRoute({
  method: "post",
  path: "/api/v1/notifications/read",
  summary: "Mark your notifications as read (the given ids, or all)",
  tags,
  auth: ["session"],
  body: markReadBody,
  responses: {
    200: { description: "Marked; the remaining unread count", schema: unreadCount },
    400: { description: "Invalid body" },
    401: { description: "Not signed in" },
  },
});
