import { z } from "zod";

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "Use 2–49 lowercase letters, digits and dashes.");

export const updateUserInput = z.object({
  userId: z.uuid(),
  role: z.enum(["consumer", "publisher", "reviewer", "executive", "admin"]).optional(),
  disabled: z.boolean().optional(),
});
export const createTeamInput = z.object({
  slug,
  name: z.string().trim().min(2).max(100),
  businessUnitId: z.uuid(),
  description: z.string().trim().max(500).default(""),
});
export const createBusinessUnitInput = z.object({
  slug,
  name: z.string().trim().min(2).max(100),
  costCenter: z.string().trim().min(2).max(40),
});
export const setMembershipInput = z.object({ teamId: z.uuid(), email: z.email(), role: z.enum(["member", "maintainer", "remove"]) });
