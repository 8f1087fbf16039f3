import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getModelDetail } from "@/lib/catalog/get-model-detail";
import { AppError } from "@/lib/server/errors";

/** The model detail for a page request as the signed-in user (or a visitor) may see it; 404 page otherwise. */
export const modelForPage = cache(async (owner: string, name: string) => {
  const user = await getCurrentUser();
  try {
    return await getModelDetail({ viewer: { teamIds: user?.teamIds ?? [] }, owner, name });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
