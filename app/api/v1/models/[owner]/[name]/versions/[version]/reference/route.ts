import { z } from "zod";
import { actorOf } from "@/lib/http/caller-actor";
import { defineRoute } from "@/lib/http/define-route";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { datasetFormatOf, referenceQuery, referenceSchema, healthVersionParams } from "@/lib/model-health/schemas";
import { uploadReference } from "@/lib/model-health/upload-reference";
import { errorSchema } from "@/lib/openapi/registry";

// POST /api/v1/models/{owner}/{name}/versions/{version}/reference?fileName= — a reference dataset (CSV or JSONL body).
export const POST = defineRoute(
  {
    method: "post",
    path: "/api/v1/models/{owner}/{name}/versions/{version}/reference",
    summary: "Upload a reference dataset (CSV or JSONL) and build the version's reference profile (owners)",
    tags: ["model health"],
    permission: "models:publish",
    params: healthVersionParams,
    query: referenceQuery,
    requestBodies: {
      "text/csv": z.string().describe("A header line naming the columns (the input features, optionally the outputs), then one row a line"),
      "application/jsonl": z.string().describe("One JSON object a line, keyed by feature name"),
    },
    responses: {
      201: { description: "The reference profile now in force (it replaces any earlier one)", schema: referenceSchema },
      401: { description: "Not signed in", schema: errorSchema },
      403: { description: "Not the owning team's publisher or an admin", schema: errorSchema },
      404: { description: "No such version", schema: errorSchema },
      413: { description: "Larger than MODELPORT_MAX_REFERENCE_BYTES", schema: errorSchema },
      415: { description: "Neither text/csv nor application/jsonl", schema: errorSchema },
      422: { description: "A bad row (its line in details), no rows, or missing input columns; nothing is stored", schema: errorSchema },
    },
  },
  async (ctx) => {
    const format = datasetFormatOf(ctx.req.headers.get("content-type"));
    const body = ctx.req.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const saved = await uploadReference({
      principal: ctx.principal,
      actor: actorOf(ctx.caller, ctx),
      ref: ctx.params,
      body,
      format,
      fileName: ctx.query.fileName ?? null,
    });
    return json(saved, { status: 201 });
  },
);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
