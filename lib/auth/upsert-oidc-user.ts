import "server-only";
import { db } from "@/lib/server/db";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The local user for someone signing in through the company's OIDC provider: matched by email (so an
 * admin can pre-create users with roles), created with the default role otherwise. Null when disabled.
 */
export async function upsertOidcUser(input: { email: string; name: string; externalId: string; defaultRole: Role }) {
  const email = input.email.toLowerCase();
  const user = await db.user.upsert({
    where: { email },
    update: { lastLoginAt: new Date() },
    create: {
      email,
      name: input.name,
      role: input.defaultRole,
      authProvider: "oidc",
      externalId: input.externalId,
      lastLoginAt: new Date(),
    },
  });
  return user.disabled ? null : user;
}
