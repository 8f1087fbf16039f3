import type { Role } from "@/lib/generated/prisma/enums";

/** Demo accounts listed on the sign-in page in demo mode (seeded by prisma/seed.ts). */
export const DEMO_PASSWORD = "modelport";

export const DEMO_ACCOUNTS: { email: string; role: Role; persona: string }[] = [
  { email: "consumer@modelport.local", role: "consumer", persona: "Application developer" },
  { email: "publisher@modelport.local", role: "publisher", persona: "Data scientist" },
  { email: "reviewer@modelport.local", role: "reviewer", persona: "Reviewer" },
  { email: "executive@modelport.local", role: "executive", persona: "Executive" },
  { email: "admin@modelport.local", role: "admin", persona: "Administrator" },
];
