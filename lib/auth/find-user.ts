import "server-only";
import { db } from "@/lib/server/db";

export async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true, disabled: true } });
}
