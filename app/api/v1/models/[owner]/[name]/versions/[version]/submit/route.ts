import { submitVersionRoute } from "@/lib/publishing/routes";

export const POST = submitVersionRoute;
