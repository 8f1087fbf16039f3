import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/v1/models/[owner]/[name]/snippets/route";
import { createApiKey } from "@/lib/apps/create-api-key";
import { createApp } from "@/lib/apps/create-app";
import { createModel, createTeamWithMember, unique } from "@/lib/apps/test-fixtures";
import { buildSnippets, compatibleRange, KEY_SLOT } from "@/lib/snippets/build-snippets";
import { getModelSnippets } from "@/lib/snippets/get-model-snippets";
import { KEY_MARKER } from "@/lib/snippets/languages";
import { snippetListSchema } from "@/lib/snippets/schemas";
import { db } from "@/lib/server/db";

// No browser session in these tests: calls without a key are anonymous.
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null }));

const REQUIRED = ["shell", "python", "javascript", "node", "go", "java", "csharp", "ruby", "php", "powershell"];
const BASE = "https://portal.example.com";

describe("buildSnippets", () => {
  it.each(["pinned", "range"] as const)(
    "covers every language in the %s form, key from the environment, never a placeholder left",
    (form) => {
      const version = form === "pinned" ? "1.2.0" : "^1";
      const snippets = buildSnippets({ baseUrl: BASE, model: "team/model", form, version, body: { x: 1 } });
      expect(snippets.map((s) => s.target)).toEqual(REQUIRED);
      const url =
        form === "pinned"
          ? `${BASE}/api/v1/models/team/model/versions/1.2.0/invoke`
          : `${BASE}/api/v1/models/team/model/invoke?version=%5E1`;
      for (const s of snippets) {
        expect(s.code, s.label).toContain(url);
        expect(s.code, s.label).toContain("MODELPORT_API_KEY");
        expect(s.code, s.label).not.toContain(KEY_MARKER);
        expect(s.code, s.label).not.toContain(KEY_SLOT);
        expect(s.template, s.label).toContain(KEY_SLOT);
        expect(s.template, s.label).not.toContain(KEY_MARKER);
        expect(s.form).toBe(form);
      }
    },
  );

  it("reads the key the way each language reads environment variables", () => {
    const byTarget = Object.fromEntries(
      buildSnippets({ baseUrl: BASE, model: "t/m", form: "pinned", version: "1.0.0", body: {} }).map((s) => [s.target, s.code]),
    );
    expect(byTarget.shell).toContain('"Authorization: Bearer $MODELPORT_API_KEY"');
    expect(byTarget.python).toContain('os.environ["MODELPORT_API_KEY"]');
    expect(byTarget.python).toMatch(/^import os$/m);
    expect(byTarget.node).toContain("${process.env.MODELPORT_API_KEY}");
    expect(byTarget.go).toContain('os.Getenv("MODELPORT_API_KEY")');
    expect(byTarget.go).toContain('\t"os"');
    expect(byTarget.java).toContain('System.getenv("MODELPORT_API_KEY")');
    expect(byTarget.csharp).toContain('Environment.GetEnvironmentVariable("MODELPORT_API_KEY")');
    expect(byTarget.ruby).toContain("ENV.fetch('MODELPORT_API_KEY')");
    expect(byTarget.php).toContain('getenv("MODELPORT_API_KEY")');
    expect(byTarget.powershell).toContain("$env:MODELPORT_API_KEY");
  });

  it("derives the compatible range of a version", () => {
    expect(compatibleRange("1.2.0")).toBe("^1");
    expect(compatibleRange("0.3.1")).toBe("^0.3");
  });
});

describe("getModelSnippets", () => {
  it("gives pinned and range forms for a version, the range form for a range, with the example input", async () => {
    const { team } = await createTeamWithMember();
    const example = { features: [[unique("v").length, 2]] };
    const model = await createModel(team.id, team.slug, { version: "1.4.2", example });
    const [owner, name] = model.slug.split("/");
    const both = await getModelSnippets({ owner, name, version: "1.4.2", viewer: null, baseUrl: BASE });
    expect(both.filter((s) => s.form === "pinned").map((s) => s.version)).toEqual(REQUIRED.map(() => "1.4.2"));
    expect(both.filter((s) => s.form === "range").map((s) => s.version)).toEqual(REQUIRED.map(() => "^1"));
    expect(both.find((s) => s.target === "python")!.code).toContain(`"features": [[${example.features[0].join(", ")}]]`);
    const latest = await getModelSnippets({ owner, name, viewer: null, baseUrl: BASE, target: "shell" });
    expect(latest.map((s) => `${s.form} ${s.version}`)).toEqual(["pinned 1.4.2", "range ^1"]);
    const ranged = await getModelSnippets({ owner, name, version: "1.*", viewer: null, baseUrl: BASE });
    expect(new Set(ranged.map((s) => `${s.form} ${s.version}`))).toEqual(new Set(["range 1.*"]));
  });

  it("refuses unknown targets, bad versions, retired and (for outsiders) draft versions", async () => {
    const { team, user } = await createTeamWithMember();
    const retired = await createModel(team.id, team.slug, { status: "retired" });
    const draft = await createModel(team.id, team.slug, { status: "draft", version: "0.1.0" });
    const [o1, n1] = retired.slug.split("/");
    const [o2, n2] = draft.slug.split("/");
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    expect(await code(getModelSnippets({ owner: o1, name: n1, version: "1.2.0", viewer: null, baseUrl: BASE }))).toBe("version_retired");
    expect(await code(getModelSnippets({ owner: o1, name: n1, version: "banana", viewer: null, baseUrl: BASE }))).toBe("invalid_semver");
    expect(await code(getModelSnippets({ owner: o1, name: n1, target: "cobol", viewer: null, baseUrl: BASE }))).toBe("bad_request");
    expect(await code(getModelSnippets({ owner: o2, name: n2, version: "0.1.0", viewer: { teamIds: [] }, baseUrl: BASE }))).toBe(
      "not_found",
    );
    expect(await code(getModelSnippets({ owner: o2, name: n2, version: "0.1.0", viewer: { teamIds: user.teamIds }, baseUrl: BASE }))).toBe(
      "ok",
    );
    expect(await code(getModelSnippets({ owner: "nobody", name: "nothing", viewer: null, baseUrl: BASE }))).toBe("not_found");
  });
});

describe("hidden models and versions through the snippets route", () => {
  it("answers for another team's rejected version and draft-only model exactly as for missing ones, also anonymously", async () => {
    const { team } = await createTeamWithMember("publisher");
    const model = await createModel(team.id, team.slug, { version: "1.0.0" });
    await db.modelVersion.create({
      data: {
        modelId: model.id,
        version: "1.1.0",
        major: 1,
        minor: 1,
        patch: 0,
        status: "rejected",
        runtime: "http",
        costModel: { kind: "per_call", microsPerCall: 1 },
        exampleInput: { secret: "rejected" },
      },
    });
    const draftOnly = await createModel(team.id, team.slug, { status: "draft" });
    const call = async (slug: string, query = "") => {
      const [owner, name] = slug.split("/");
      const res = await GET(new NextRequest(`http://localhost/api/v1/models/${slug}/snippets${query}`), {
        params: Promise.resolve({ owner, name }),
      });
      const body = (await res.json()) as { error?: { code: string; message: string; requestId?: string } };
      return { status: res.status, error: body.error && { code: body.error.code, message: body.error.message } };
    };
    const rejected = await call(model.slug, "?version=1.1.0");
    const neverMade = await call(model.slug, "?version=1.1.1");
    expect(rejected).toEqual({ status: 404, error: { ...neverMade.error!, message: neverMade.error!.message.replace("1.1.1", "1.1.0") } });
    const hidden = await call(draftOnly.slug);
    const missing = await call(`${team.slug}/does-not-exist`);
    expect(hidden).toEqual(missing);
    expect(hidden.status).toBe(404);
    // The team itself still gets them.
    const own = await getModelSnippets({
      owner: team.slug,
      name: model.name,
      version: "1.1.0",
      viewer: { teamIds: [team.id] },
      baseUrl: BASE,
      target: "shell",
    });
    expect(own[0].version).toBe("1.1.0");
  });
});

describe("GET /api/v1/models/{owner}/{name}/snippets", () => {
  it("serves the snippets to a key with the read scope, in the documented shape, without templates", async () => {
    const alice = await createTeamWithMember();
    const model = await createModel(alice.team.id, alice.team.slug);
    const app = await createApp({ user: alice.user, actor: alice.actor, data: { name: unique("app"), teamId: alice.team.id } });
    const reader = await createApiKey({ user: alice.user, actor: alice.actor, appId: app.id, data: { name: "reader", scopes: ["read"] } });
    const invoker = await createApiKey({
      user: alice.user,
      actor: alice.actor,
      appId: app.id,
      data: { name: "invoker", scopes: ["invoke"] },
    });
    const [owner, name] = model.slug.split("/");
    const call = (secret: string, query = "") =>
      GET(
        new NextRequest(`http://localhost:4567/api/v1/models/${owner}/${name}/snippets${query}`, {
          headers: { authorization: `Bearer ${secret}` },
        }),
        { params: Promise.resolve({ owner, name }) },
      );

    const res = await call(reader.secret, "?version=1.2.0&target=python");
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    const snippets = snippetListSchema.parse(body);
    expect(snippets.map((s) => s.form)).toEqual(["pinned", "range"]);
    expect(JSON.stringify(body)).not.toContain(KEY_SLOT);
    expect(snippets[0].code).toContain(`/api/v1/models/${model.slug}/versions/1.2.0/invoke`);

    const denied = await call(invoker.secret);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "insufficient_scope" } });
    const missing = await call(reader.secret, "?version=9.9.9");
    expect(missing.status).toBe(404);
    expect(await db.apiKey.count({ where: { appId: app.id } })).toBe(2);
  });
});
