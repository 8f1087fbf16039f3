import { defineRoute } from "@/lib/http/define-route";
import { publishContextOf } from "@/lib/http/publish-context";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { errorSchema } from "@/lib/openapi/registry";
import { versionPathParams } from "@/lib/publishing/schemas";
import { getGoldenTests } from "@/lib/golden-tests/get-golden-tests";
import { goldenSuiteBody, goldenSuiteViewSchema } from "@/lib/golden-tests/schemas";
import { setGoldenTests } from "@/lib/golden-tests/set-golden-tests";

export const dynamic = "force-dynamic";

// GET /api/v1/models/{owner}/{name}/versions/{version}/golden-tests — the cases and their latest run.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/golden-tests",
    summary: "A version's golden tests and their latest run (the model's team, reviewers, admins)",
    tags: ["publishing"],
    permission: "catalog:read",
    params: versionPathParams,
    responses: {
      200: { description: "The cases and the latest run (null before the first)", schema: goldenSuiteViewSchema },
      403: { description: "Not the model's team, a reviewer or an admin", schema: errorSchema },
      404: { description: "No such model or version", schema: errorSchema },
    },
  },
  async (ctx) => json(await getGoldenTests(ctx.principal, ctx.params)),
);

// PUT /api/v1/models/{owner}/{name}/versions/{version}/golden-tests — set a draft's cases (and run them).
export const PUT = defineRoute(
  {
    method: "put",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/golden-tests",
    summary:
      "Set a draft's golden tests: expected input → output pairs with a tolerance (replaces them; [] removes them); they run at once",
    tags: ["publishing"],
    permission: "models:publish",
    params: versionPathParams,
    body: goldenSuiteBody,
    responses: {
      200: { description: "The cases and the run they just had", schema: goldenSuiteViewSchema },
      400: { description: "A malformed case", schema: errorSchema },
      403: { description: "Not a publisher of the model's team", schema: errorSchema },
      404: { description: "No such model or version", schema: errorSchema },
      409: { description: "invalid_transition: the version is not a draft", schema: errorSchema },
    },
  },
  async (ctx) => json(await setGoldenTests(publishContextOf(ctx), ctx.params, ctx.body)),
);

export const { POST, PATCH, DELETE } = methodsNotAllowed({ GET, PUT });
