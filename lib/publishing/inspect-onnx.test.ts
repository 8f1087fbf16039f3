import { describe, expect, it } from "vitest";
import { POST as inspect } from "@/app/api/v1/onnx/inspect/route";
import { db } from "@/lib/server/db";
import { displayNameFrom, nameFromFile } from "@/lib/publishing/inspect-onnx";
import { apiRequest, IRIS_ONNX, makeKey, makeTeam, onnxForm, params } from "@/lib/publishing/test-fixtures";

describe("POST /api/v1/onnx/inspect", () => {
  it("suggests names from the file, derives the schemas, reads labels and prefills an example, creating nothing", async () => {
    const team = await makeTeam();
    const key = await makeKey(team.id, ["publish"]);
    const before = await db.modelVersion.count();
    const form = onnxForm({}, { bytes: IRIS_ONNX, name: "Iris_Species-Classifier.onnx" });
    const res = await inspect(apiRequest("/api/v1/onnx/inspect", key, { body: form }), params({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      suggested: {
        name: "iris-species-classifier",
        displayName: "Iris species classifier",
        framework: "onnx",
        license: "CC-BY-4.0",
        task: "tabular-classification",
      },
      featureNames: ["sepal_length", "sepal_width", "petal_length", "petal_width"],
      classLabels: ["setosa", "versicolor", "virginica"],
      exampleInput: { features: [[0, 0, 0, 0]] },
      outputSchema: { "x-class-labels": ["setosa", "versicolor", "virginica"] },
    });
    expect(await db.modelVersion.count()).toBe(before);
  });

  it("refuses keys without the publish scope, non-ONNX files and JSON bodies", async () => {
    const team = await makeTeam();
    const reader = await makeKey(team.id, ["invoke"]);
    expect((await inspect(apiRequest("/api/v1/onnx/inspect", reader, { body: onnxForm({}) }), params({}))).status).toBe(403);
    const key = await makeKey(team.id, ["publish"]);
    const notOnnx = await inspect(
      apiRequest("/api/v1/onnx/inspect", key, { body: onnxForm({}, { bytes: new TextEncoder().encode("hello"), name: "notes.txt" }) }),
      params({}),
    );
    expect(notOnnx.status).toBe(422);
    expect(((await notOnnx.json()) as { error: { code: string } }).error.code).toBe("invalid_artifact");
    expect((await inspect(apiRequest("/api/v1/onnx/inspect", key, { json: {} }), params({}))).status).toBe(415);
  });

  it("names: only letters, digits and dashes survive", () => {
    expect(nameFromFile("C:\\models\\My Model (final).ONNX")).toBe("my-model-final");
    expect(nameFromFile("___.onnx")).toBe("");
    expect(displayNameFrom("churn-model-v2")).toBe("Churn model v2");
  });
});
