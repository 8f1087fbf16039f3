import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { generateApiKey } from "@/lib/auth/api-keys";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/prisma/enums";

// Unique data per test on the shared test database: a team (in a fresh business unit), a user in it,
// and an app with a key that has the given scopes.

export const IRIS_ONNX = readFileSync(path.join(process.cwd(), "prisma/seed-data/onnx/iris-classifier.onnx"));

export const uid = () => randomBytes(4).toString("hex");

export async function makeTeam() {
  const id = uid();
  const bu = await db.businessUnit.create({ data: { slug: `bu-${id}`, name: `BU ${id}`, costCenter: `CC-${id}` } });
  return db.team.create({ data: { slug: `team-${id}`, name: `Team ${id}`, businessUnitId: bu.id } });
}

export async function makeUser(role: Role, teamIds: string[]) {
  const user = await db.user.create({ data: { email: `u-${uid()}@example.test`, name: "Test user", role } });
  for (const teamId of teamIds) await db.teamMember.create({ data: { userId: user.id, teamId } });
  return { id: user.id, email: user.email, role, teamIds };
}

/** A CI key of a new app of the team, made by a publisher of the team (or `creatorId`); returns the secret. */
export async function makeKey(teamId: string, scopes: string[] = ["publish"], creatorId?: string) {
  const creator = creatorId ?? (await makeUser("publisher", [teamId])).id;
  const app = await db.app.create({ data: { name: `ci-${uid()}`, teamId, createdById: creator } });
  const key = generateApiKey();
  await db.apiKey.create({ data: { appId: app.id, name: "ci", prefix: key.prefix, hash: key.hash, scopes, createdById: creator } });
  return key.secret;
}

export function apiRequest(
  url: string,
  secret: string,
  init: { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}`, ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers["content-type"] = "application/json";
  }
  const streamed = body instanceof ReadableStream ? { duplex: "half" } : {};
  return new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "POST",
    headers,
    body,
    ...streamed,
  } as ConstructorParameters<typeof NextRequest>[1]);
}

export function onnxForm(
  fields: Record<string, string>,
  file: { bytes: Uint8Array; name: string } = { bytes: IRIS_ONNX, name: "iris.onnx" },
) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

export const params = <T>(value: T) => ({ params: Promise.resolve(value) });
