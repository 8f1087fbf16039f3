import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, type SessionUser } from "@/lib/auth/current-user";
import { can, type Permission } from "@/lib/auth/roles";

/**
 * For protected pages: the signed-in user, or a redirect to sign-in (coming back here afterwards);
 * signed in without the permission → the 403 page.
 */
export async function requireUser(permission?: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-modelport-path") ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (permission && !can(user.role, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return user;
}
