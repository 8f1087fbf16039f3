import "server-only";
import { sessionUserOf } from "@/lib/governance/session-caller";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { markReadBody } from "@/lib/notifications/schemas";

// Notifications are for people: these routes take a session, never an API key.

// GET /api/v1/notifications
export const listNotificationsRoute = withApi(async (ctx) => {
  return json(await listNotifications({ userId: sessionUserOf(ctx.caller).id }));
});

// POST /api/v1/notifications/read
export const markNotificationsReadRoute = withApi(async (ctx) => {
  const body = markReadBody.parse(await readJson(ctx.req, 20_000));
  return json(await markNotificationsRead({ userId: sessionUserOf(ctx.caller).id, ids: body.ids }));
});
