import { withApi } from "@/lib/http/handler";
import { publishAccess, publishContextOf } from "@/lib/http/publish-context";
import { readVersionRequest } from "@/lib/http/read-version-request";
import { json } from "@/lib/http/respond";
import { methodsNotAllowed } from "@/lib/http/route-fallbacks";
import { addVersion } from "@/lib/publishing/add-version";
import { addVersionQuery } from "@/lib/publishing/schemas";

// POST /api/v1/models/{owner}/{name}/versions — a new version (JSON for an HTTP endpoint, multipart for ONNX);
// ?dryRun=true validates without writing.
export const POST = withApi<{ owner: string; name: string }>(async (ctx) => {
  const { dryRun } = addVersionQuery.parse(Object.fromEntries(ctx.req.nextUrl.searchParams));
  const input = await readVersionRequest(ctx.req);
  const result = await addVersion(publishContextOf(ctx), ctx.params.owner, ctx.params.name, input, { dryRun: dryRun === "true" });
  if ("dryRun" in result) return json(result);
  return json(result, { status: 201, headers: { location: `/api/v1/models/${result.model}/versions/${result.version}` } });
}, publishAccess);

export const { GET, HEAD, PUT, PATCH, DELETE } = methodsNotAllowed({ POST });
