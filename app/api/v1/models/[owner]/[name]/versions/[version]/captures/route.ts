import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { exportCaptures, listCaptures } from "@/lib/model-health/list-captures";
import { capturesPage, capturesQuery, healthVersionParams } from "@/lib/model-health/schemas";
import { errorSchema } from "@/lib/openapi/registry";

// GET /api/v1/models/{owner}/{name}/versions/{version}/captures?page=&pageSize=&format=json|jsonl — captured payloads.
export const GET = defineRoute(
  {
    method: "get",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/captures",
    summary: "A version's captured inputs and outputs (owners and reviewers; JSON page or JSONL download)",
    tags: ["model health"],
    permission: "catalog:read",
    params: healthVersionParams,
    query: capturesQuery,
    responses: {
      200: {
        description: "A page of captures, newest first; with format=jsonl every capture, oldest first, one JSON object a line",
        schema: capturesPage,
        otherContent: { "application/jsonl": z.string().describe("One capture {id, requestId, at, input, output} per line") },
        headers: ["Content-Disposition"],
      },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not the owning team's publisher, a reviewer or an admin", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
    },
  },
  async (ctx) => {
    const { page, pageSize, format } = ctx.query;
    if (format === "json") return json(await listCaptures(ctx.principal, ctx.params, { page, pageSize }));
    const lines = exportCaptures(ctx.principal, ctx.params);
    // The first page is read before answering, so a refused or unknown version still gets its error status.
    const first = await lines.next();
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    const file = `${ctx.params.owner}-${ctx.params.name}-${ctx.params.version}-captures.jsonl`;
    return new Response(first.done ? "" : stream, {
      headers: { "content-type": "application/jsonl; charset=utf-8", "content-disposition": `attachment; filename="${file}"` },
    });
  },
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed({ GET });
