import { addVersionRoute } from "@/lib/publishing/routes";

export const POST = addVersionRoute;
