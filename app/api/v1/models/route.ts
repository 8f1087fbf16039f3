import { createModelRoute } from "@/lib/publishing/routes";

export const POST = createModelRoute;
