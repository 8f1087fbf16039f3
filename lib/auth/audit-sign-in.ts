import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/server/db";

/** Audits a sign-in through the company's OIDC provider (a disabled account is refused and audited too). */
export async function auditOidcSignIn(email: string, user: { id: string; email: string } | null): Promise<void> {
  const address = email.toLowerCase().slice(0, 200);
  if (user) {
    await recordAudit(
      db,
      { id: user.id, label: user.email },
      { action: "auth.sign_in", targetType: "user", targetId: user.id, after: { method: "oidc" } },
    );
  } else {
    const existing = await db.user.findUnique({ where: { email: address }, select: { id: true } });
    await recordAudit(
      db,
      { id: null, label: address },
      {
        action: "auth.sign_in_failed",
        targetType: "user",
        targetId: existing?.id ?? address,
        after: { method: "oidc", reason: "disabled" },
      },
    );
  }
}
