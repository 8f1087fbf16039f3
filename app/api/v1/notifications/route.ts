import { sessionUserOf } from "@/lib/governance/session-caller";
import { withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const dynamic = "force-dynamic";

// GET /api/v1/notifications — notifications are for people: a session, never an API key.
export const GET = withApi(async (ctx) => {
  return json(await listNotifications({ userId: sessionUserOf(ctx.caller).id }));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
