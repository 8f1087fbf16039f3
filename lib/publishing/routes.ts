import "server-only";
import { actorOf } from "@/lib/http/caller-actor";
import { readJson, withApi, type ApiContext } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { addVersion } from "@/lib/publishing/add-version";
import { createModel } from "@/lib/publishing/create-model";
import { deleteVersion } from "@/lib/publishing/delete-version";
import { publisherOf, type PublishContext } from "@/lib/publishing/publisher";
import { inspectOnnx } from "@/lib/publishing/inspect-onnx";
import { readOnnxUpload, readVersionRequest } from "@/lib/publishing/read-version-request";
import { addVersionQuery, createModelInput, patchModelInput, patchVersionInput } from "@/lib/publishing/schemas";
import { submitVersion } from "@/lib/publishing/submit-version";
import { updateModel } from "@/lib/publishing/update-model";
import { updateVersion } from "@/lib/publishing/update-version";

// The publishing route handlers; app/api/v1/**/route.ts files only re-export them.
type ModelParams = { owner: string; name: string };
type VersionParams = ModelParams & { version: string };
const access = { permission: "models:publish", scope: "publish" } as const;

function contextOf(ctx: ApiContext<unknown>): PublishContext {
  return { publisher: publisherOf(ctx.caller), actor: actorOf(ctx.caller, ctx) };
}

// POST /api/v1/models
export const createModelRoute = withApi(async (ctx) => {
  const input = createModelInput.parse(await readJson(ctx.req));
  const model = await createModel(contextOf(ctx), input);
  return json(model, { status: 201, headers: { location: `/api/v1/models/${model.slug}` } });
}, access);

// PATCH /api/v1/models/{owner}/{name}
export const updateModelRoute = withApi<ModelParams>(async (ctx) => {
  const patch = patchModelInput.parse(await readJson(ctx.req, 300_000));
  return json(await updateModel(contextOf(ctx), ctx.params.owner, ctx.params.name, patch));
}, access);

// POST /api/v1/models/{owner}/{name}/versions
export const addVersionRoute = withApi<ModelParams>(async (ctx) => {
  const { dryRun } = addVersionQuery.parse(Object.fromEntries(ctx.req.nextUrl.searchParams));
  const input = await readVersionRequest(ctx.req);
  const result = await addVersion(contextOf(ctx), ctx.params.owner, ctx.params.name, input, { dryRun: dryRun === "true" });
  if ("dryRun" in result) return json(result);
  return json(result, { status: 201, headers: { location: `/api/v1/models/${result.model}/versions/${result.version}` } });
}, access);

// PATCH /api/v1/models/{owner}/{name}/versions/{version}
export const updateVersionRoute = withApi<VersionParams>(async (ctx) => {
  const patch = patchVersionInput.parse(await readJson(ctx.req));
  return json(await updateVersion(contextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version, patch));
}, access);

// DELETE /api/v1/models/{owner}/{name}/versions/{version}
export const deleteVersionRoute = withApi<VersionParams>(async (ctx) => {
  await deleteVersion(contextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version);
  return new Response(null, { status: 204 });
}, access);

// POST /api/v1/models/{owner}/{name}/versions/{version}/submit
export const submitVersionRoute = withApi<VersionParams>(async (ctx) => {
  return json(await submitVersion(contextOf(ctx), ctx.params.owner, ctx.params.name, ctx.params.version));
}, access);

// POST /api/v1/onnx/inspect
export const inspectOnnxRoute = withApi(async (ctx) => {
  publisherOf(ctx.caller);
  return json(await inspectOnnx(await readOnnxUpload(ctx.req)));
}, access);
