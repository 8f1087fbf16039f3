import "server-only";
import semver from "semver";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";
import type { SnippetView } from "@/lib/snippets/key-slot";

export type TryItContext = {
  model: string;
  version: string | null;
  status: string | null;
  exampleInput: unknown;
  inputSchema: unknown;
  /** Output schema (class labels for the console live here: lib/snippets/readable-output.ts). */
  outputSchema: unknown;
  /** Why the console cannot run for this viewer; null when it can. */
  disabledReason: string | null;
  snippets: SnippetView[];
};

/**
 * What the model page's console and snippets need: the version shown (or the latest approved), its
 * example input and schema, and whether this viewer may call it from the browser. The gateway enforces
 * the same rules; this only explains up front why Run is disabled.
 */
export async function getTryItContext(input: {
  modelId: string;
  version: string | null;
  user: SessionUser | null;
  baseUrl: string;
}): Promise<TryItContext | null> {
  const model = await db.model.findUnique({
    where: { id: input.modelId },
    select: {
      slug: true,
      teamId: true,
      visibility: true,
      versions: { select: { version: true, status: true, exampleInput: true, inputSchema: true, outputSchema: true } },
    },
  });
  if (!model) return null;
  const user = input.user;
  const insider = Boolean(user && (user.teamIds.includes(model.teamId) || can(user.role, "versions:review")));
  const visible = model.versions.filter((v) => insider || v.status !== "draft");
  const chosen = input.version
    ? visible.find((v) => v.version === input.version)
    : visible.filter((v) => v.status === "approved").sort((a, b) => semver.rcompare(a.version, b.version))[0];
  const base = { model: model.slug, snippets: [] as SnippetView[] };
  if (!chosen)
    return {
      ...base,
      version: null,
      status: null,
      exampleInput: null,
      inputSchema: null,
      outputSchema: null,
      disabledReason: "This model has no approved version to call yet.",
    };

  let disabledReason: string | null = null;
  if (!user) disabledReason = "Sign in to try this model from the browser.";
  else if (chosen.status === "retired") disabledReason = `Version ${chosen.version} is retired and can no longer be called.`;
  else if (!["approved", "deprecated"].includes(chosen.status) && !insider)
    disabledReason = `Version ${chosen.version} is ${chosen.status.replace("_", " ")}: only its team and reviewers can try it.`;
  else if (model.visibility === "gated" && !insider) {
    const granted = await db.accessGrant.count({
      where: { modelId: input.modelId, revokedAt: null, app: { teamId: { in: user.teamIds }, deletedAt: null } },
    });
    if (granted === 0) disabledReason = "This model is gated: request access for one of your team's apps before calling it.";
  }
  const [owner, name] = model.slug.split("/");
  const snippets =
    chosen.status === "retired"
      ? []
      : await getModelSnippets({
          owner,
          name,
          version: chosen.version,
          viewer: user ? { teamIds: user.teamIds, canReview: can(user.role, "versions:review") } : null,
          baseUrl: input.baseUrl,
        });
  return {
    ...base,
    version: chosen.version,
    status: chosen.status,
    exampleInput: chosen.exampleInput ?? {},
    inputSchema: chosen.inputSchema,
    outputSchema: chosen.outputSchema,
    disabledReason,
    snippets,
  };
}
