import { sessionUserOf } from "@/lib/governance/session-caller";
import { readJson, withApi } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { markNotificationsRead } from "@/lib/notifications/mark-read";
import { markReadBody } from "@/lib/notifications/schemas";

// POST /api/v1/notifications/read — a session, never an API key.
export const POST = withApi(async (ctx) => {
  const body = markReadBody.parse(await readJson(ctx.req, 20_000));
  return json(await markNotificationsRead({ userId: sessionUserOf(ctx.caller).id, ids: body.ids }));
});

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
