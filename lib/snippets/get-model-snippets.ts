import "server-only";
import semver from "semver";
import { canSeeModel, canSeeVersion, isModelInsider } from "@/lib/catalog/model-visibility";
import { db } from "@/lib/server/db";
import { AppError, notFound } from "@/lib/server/errors";
import { buildSnippets, compatibleRange, type SnippetWithTemplate } from "@/lib/snippets/build-snippets";
import { LANGUAGES } from "@/lib/snippets/languages";
import { buildOpenAiSdkSnippets, OPENAI_SDK_TARGETS } from "@/lib/snippets/openai-sdk-snippets";
import { buildOipSnippets, OIP_TARGETS } from "@/lib/snippets/oip-snippets";
import { speaksOpenAi } from "@/lib/gateway/runtimes/openai";

const CALLABLE = ["approved", "deprecated"] as const;

type Viewer = { teamIds: string[]; canReview?: boolean } | null;

/**
 * Snippets for a model's version: an exact `version` gives both its pinned and range forms, a range gives
 * the range form, none means the latest approved version. Drafts and rejected versions are visible to the
 * owning team (and reviewers) only; a retired version has no snippets (the gateway answers 410).
 */
export async function getModelSnippets(input: {
  owner: string;
  name: string;
  version?: string;
  target?: string;
  viewer: Viewer;
  baseUrl: string;
}): Promise<SnippetWithTemplate[]> {
  const known = [...LANGUAGES.map((l) => l.target), ...OPENAI_SDK_TARGETS, ...OIP_TARGETS];
  if (input.target && !known.includes(input.target)) {
    throw new AppError("bad_request", `Unknown target "${input.target}". Use one of: ${known.join(", ")}.`);
  }
  const model = await db.model.findUnique({
    where: { slug: `${input.owner}/${input.name}`.toLowerCase() },
    select: {
      slug: true,
      teamId: true,
      versions: { select: { version: true, status: true, exampleInput: true, runtime: true, httpProtocol: true, inputSchema: true } },
    },
  });
  const viewer = { teamIds: input.viewer?.teamIds ?? [], insider: Boolean(input.viewer?.canReview) };
  // Hidden models and versions answer exactly like missing ones (lib/catalog/model-visibility.ts).
  if (
    !model ||
    !canSeeModel(
      model,
      model.versions.map((v) => v.status),
      viewer,
    )
  )
    throw notFound("The model");
  const insider = isModelInsider(model, viewer);
  const visible = model.versions.filter((v) => canSeeVersion(v.status, insider));
  const callable = visible.filter((v) => (CALLABLE as readonly string[]).includes(v.status));
  const targets = input.target ? [input.target] : undefined;
  const common = { baseUrl: input.baseUrl, model: model.slug, targets };
  // Versions that speak OpenAI's protocol also get the OpenAI SDK snippets, for the door at /v1.
  const snippetsFor = (v: (typeof visible)[number], req: Omit<Parameters<typeof buildSnippets>[0], "targets">) => {
    const http = buildSnippets({ ...req, targets });
    if (speaksOpenAi(v)) return [...http, ...buildOpenAiSdkSnippets({ ...req, targets })];
    // Tensor versions also get a curl call to the Open Inference Protocol door at /oip.
    const tensors = v.runtime === "onnx" || (v.runtime === "http" && v.httpProtocol === "kserve_v2");
    return tensors ? [...http, ...buildOipSnippets({ ...req, targets, inputSchema: v.inputSchema })] : http;
  };

  const exact = input.version ? semver.valid(input.version) : null;
  if (input.version && !exact) {
    if (!semver.validRange(input.version)) throw new AppError("invalid_semver", `"${input.version}" is neither a version nor a range.`);
    const best = semver.maxSatisfying(
      callable.map((v) => v.version),
      input.version,
    );
    if (!best) throw notFound(`A callable version matching ${input.version}`);
    const found = callable.find((v) => v.version === best)!;
    return snippetsFor(found, { ...common, form: "range", version: input.version, body: found.exampleInput ?? {} });
  }
  const chosen = exact
    ? visible.find((v) => v.version === exact)
    : callable.filter((v) => v.status === "approved").sort((a, b) => semver.rcompare(a.version, b.version))[0];
  if (!chosen) throw notFound(exact ? `Version ${exact}` : "An approved version");
  if (chosen.status === "retired")
    throw new AppError("version_retired", `Version ${chosen.version} is retired and can no longer be called.`);
  const body = chosen.exampleInput ?? {};
  return [
    ...snippetsFor(chosen, { ...common, form: "pinned", version: chosen.version, body }),
    ...snippetsFor(chosen, { ...common, form: "range", version: compatibleRange(chosen.version), body }),
  ];
}
