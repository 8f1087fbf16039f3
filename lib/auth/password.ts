import bcrypt from "bcryptjs";

// bcrypt with cost 10: ~50–100 ms per hash on a small server, slow enough for stored passwords and fast
// enough for sign-in. Hashes carry their own salt and cost, so raising COST later keeps old hashes valid.
const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
