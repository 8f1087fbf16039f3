// Test helpers for model health: an approved iris version, a key to call it, and the invoke route (not imported by app code).
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { principalOfUser, type Principal } from "@/lib/auth/principal";
import { createAppWithKey, createModel, createUser, createVersion } from "@/lib/gateway/test-fixtures";
import type { Role } from "@/lib/generated/prisma/enums";

export const irisMeta = JSON.parse(readFileSync("prisma/seed-data/onnx/iris-classifier.json", "utf8")) as {
  inputSchema: object;
  outputSchema: object;
};

/** An approved iris ONNX version with the seeded schemas, its owning team's publisher and a key of that team. */
export async function irisVersion(data: { captureRate?: number; captureRedactFields?: string[] } = {}) {
  const { model, team, owner, name } = await createModel();
  const version = await createVersion(model.id, {
    version: "1.0.0",
    status: "approved",
    inputSchema: irisMeta.inputSchema,
    outputSchema: irisMeta.outputSchema,
    ...data,
  });
  const publisher = await createUser("publisher", team.id);
  const { secret } = await createAppWithKey({ teamId: team.id, scopes: ["invoke", "read"] });
  return { model, team, owner, name, version, publisher, secret, ref: { owner, name, version: "1.0.0" } };
}

export const principalFor = (user: { id: string; email: string; role: Role }, teamIds: string[]): Principal =>
  principalOfUser({ id: user.id, email: user.email, role: user.role, teamIds });

type InvokeRoute = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One call through the real invoke route (`route`, imported by the test) with a bearer key. */
export async function invokeIris(route: InvokeRoute, target: { owner: string; name: string; secret: string }, rows: number[][]) {
  const path = `/api/v1/models/${target.owner}/${target.name}/versions/1.0.0/invoke`;
  const req = new NextRequest(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.secret}`, "content-type": "application/json" },
    body: JSON.stringify({ features: rows }),
  });
  const res = await route(req, { params: Promise.resolve({ owner: target.owner, name: target.name, version: "1.0.0" }) });
  return { status: res.status, body: (await res.json()) as { requestId?: string; output?: unknown } };
}
