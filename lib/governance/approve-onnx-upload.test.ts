import { describe, expect, it } from "vitest";
import { POST as createModelRoute } from "@/app/api/v1/models/route";
import { POST as addVersionRoute } from "@/app/api/v1/models/[owner]/[name]/versions/route";
import { POST as submitRoute } from "@/app/api/v1/models/[owner]/[name]/versions/[version]/submit/route";
import { db } from "@/lib/server/db";
import { invokeModel } from "@/lib/gateway/invoke-model";
import { invokeBodyOf } from "@/lib/gateway/read-invoke-body";
import { computeChecklist } from "@/lib/governance/policy-checklist";
import { reviewVersion } from "@/lib/governance/review-version";
import { reviewBody } from "@/lib/governance/schemas";
import { COMPLETE_CARD, makeUser } from "@/lib/governance/testing/factory";
import { apiRequest, makeKey, makeTeam, onnxForm, params, uid } from "@/lib/publishing/test-fixtures";

// The headline journey at the API level: an ONNX file uploaded through the product, submitted, run once by a
// reviewer, then approved. Approval used to answer 422 for every ONNX upload: the checklist compiled the
// derived 2020-12 schema with a draft-07 Ajv, so "Valid example input" never held.
describe("an uploaded ONNX version can be approved", () => {
  it("publish → submit → run the example → approve", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id, ["publish"]);
    const businessOwner = await makeUser("executive");
    const reviewer = await makeUser("reviewer");
    const name = `iris-${uid()}`;
    const created = await createModelRoute(
      apiRequest("/api/v1/models", key, {
        json: {
          name,
          displayName: "Iris",
          task: "tabular-classification",
          framework: "onnx",
          card: COMPLETE_CARD,
          license: "MIT",
          riskLevel: "low",
          businessOwnerEmail: businessOwner.email,
        },
      }),
      params({}),
    );
    expect(created.status).toBe(201);
    const owner = team.slug;
    const added = await addVersionRoute(
      apiRequest(`/api/v1/models/${owner}/${name}/versions`, key, {
        body: onnxForm({ version: "1.0.0", exampleInput: JSON.stringify({ features: [[5.1, 3.5, 1.4, 0.2]] }) }),
      }),
      params({ owner, name }),
    );
    expect(added.status).toBe(201);
    const submitted = await submitRoute(
      apiRequest(`/api/v1/models/${owner}/${name}/versions/1.0.0/submit`, key),
      params({ owner, name, version: "1.0.0" }),
    );
    expect(submitted.status).toBe(200);
    const version = await db.modelVersion.findFirstOrThrow({ where: { model: { slug: `${owner}/${name}` } } });

    const before = await computeChecklist(db, version.id);
    expect(before.find((i) => i.key === "example_valid")).toMatchObject({ ok: true });
    expect(before.filter((i) => !i.ok).map((i) => i.key)).toEqual(["example_runs"]);

    // The reviewer runs the stored example from the console (a real ONNX Runtime call).
    const run = await invokeModel({
      body: invokeBodyOf(new Request("http://localhost/", { method: "POST", body: JSON.stringify(version.exampleInput) })),
      caller: { kind: "user", user: { id: reviewer.id, email: reviewer.email, name: "Reviewer", role: "reviewer", teamIds: [] } },
      requestId: `req_${uid()}`,
      owner,
      name,
      selector: { exact: "1.0.0" },
    });
    expect(run.status).toBe(200);
    expect(JSON.parse(run.body).output.label).toEqual([0]);

    const result = await reviewVersion({
      reviewer,
      actor: { id: reviewer.id, label: reviewer.email },
      ref: { owner, name, version: "1.0.0" },
      body: reviewBody.parse({ decision: "approve" }),
    });
    expect(result).toMatchObject({ status: "approved", approvals: 1, approvalsRequired: 1 });
    expect(await db.modelVersion.findUniqueOrThrow({ where: { id: version.id } })).toMatchObject({
      status: "approved",
      approvedById: reviewer.id,
    });
  });
});
