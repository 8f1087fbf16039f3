import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { versionPathParams } from "@/lib/publishing/schemas";
import { runGoldenTestsNow } from "@/lib/golden-tests/get-golden-tests";
import { goldenSuiteViewSchema } from "@/lib/golden-tests/schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/models/{owner}/{name}/versions/{version}/golden-tests/run — run them now.
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/golden-tests/run",
    summary: "Run a version's golden tests now (the model's team, reviewers, admins)",
    tags: ["publishing"],
    permission: "catalog:read",
    params: versionPathParams,
    responses: {
      200: { description: "The cases and the run just made", schema: goldenSuiteViewSchema },
      403: { description: "Not the model's team, a reviewer or an admin", schema: errorSchema },
      404: { description: "No such model or version", schema: errorSchema },
    },
  },
  async (ctx) => json(await runGoldenTestsNow(ctx.principal, actorOf(ctx.caller, ctx), ctx.params)),
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
