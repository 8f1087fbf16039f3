"use server";

import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { testConnectionInput } from "@/lib/publishing/schemas";
import { testConnection, type ConnectionReport } from "@/lib/publishing/test-connection";

export type TestConnectionResult = ConnectionReport | { ok: false; error: string };

/** The "Test connection" button of the version form: one server-side call to the endpoint. */
export async function testConnectionAction(raw: unknown): Promise<TestConnectionResult> {
  const user = await getCurrentUser();
  if (!user || !can(user.role, "models:publish")) return { ok: false, error: "Only publishers can test connections." };
  const parsed = testConnectionInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Check the endpoint fields." };
  return testConnection(parsed.data);
}
